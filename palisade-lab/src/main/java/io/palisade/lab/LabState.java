package io.palisade.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running lab left on disk so later commands ({@code lab status}, {@code lab down}, {@code lab fail},
 * {@code cli}) can find it: its kind, folder, namespaces and nodes with their process ids, API URLs and keys.
 *
 * @param kind {@code inproc} or {@code netns}
 * @param directory the lab's working folder
 * @param prefix namespace prefix (netns labs)
 * @param namespaces namespaces created
 * @param nodes the firewall nodes
 * @param helpers other processes started (traffic, hosts), by pid
 */
public record LabState(
        String kind,
        String directory,
        String prefix,
        List<String> namespaces,
        List<NodeEntry> nodes,
        List<Long> helpers) {

    /**
     * One node.
     *
     * @param name hostname
     * @param pid process id
     * @param api management base URL
     * @param apiKey its API key
     * @param config its configuration file
     * @param namespace its network namespace, or null
     * @param hostApi where the host reaches {@code api} when that listens inside a namespace (the lab's
     *     {@code ApiRelay}), or null when {@code api} is reachable as it is
     */
    public record NodeEntry(
            String name, long pid, String api, String apiKey, String config, String namespace, String hostApi) {
        /** The URL a person or script on the host opens: {@link #hostApi} when there is one, else {@link #api}. */
        public String reachableApi() {
            return hostApi != null ? hostApi : api;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code $PALISADE_LAB_STATE}, else {@code /tmp/palisade-lab/lab.json}. */
    public static Path defaultFile() {
        String env = System.getenv("PALISADE_LAB_STATE");
        return env != null ? Path.of(env) : Path.of(System.getProperty("java.io.tmpdir"), "palisade-lab", "lab.json");
    }

    public static Optional<LabState> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), LabState.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write lab state " + file + ": " + e.getMessage(), e);
        }
    }
}
