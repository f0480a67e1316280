package io.palisade.config.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.config.ConfigLoader;
import io.palisade.config.ConfigText;
import io.palisade.config.model.PalisadeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbered commit history on disk. Layout under the store folder:
 *
 * <pre>
 *   CURRENT                 version number of the running configuration (the commit point)
 *   history/000007.yaml     configuration text of version 7
 *   history/000007.json     its {@link VersionInfo}
 * </pre>
 *
 * <p>A commit writes the version file and its metadata (each through temp + fsync + rename), then replaces
 * {@code CURRENT} the same way. Until that last rename the previous version stays the running one, so a crash at
 * any point leaves either the old or the new running configuration, never a torn one. Opening the store removes
 * leftovers of an interrupted commit (temporary files, versions above CURRENT).
 */
public final class ConfigStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CURRENT = "CURRENT";

    private final Path dir;
    private final Path historyDir;
    private final CrashPoint crashPoint;
    private long currentVersion;

    private ConfigStore(Path dir, CrashPoint crashPoint) {
        this.dir = dir;
        this.historyDir = dir.resolve("history");
        this.crashPoint = crashPoint;
    }

    /** Opens (creating if needed) the store in {@code dir} and recovers from an interrupted commit. */
    public static ConfigStore open(Path dir, CrashPoint crashPoint) {
        ConfigStore store = new ConfigStore(dir, crashPoint);
        try {
            Files.createDirectories(store.historyDir);
            store.recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open configuration store " + dir + ": " + e.getMessage(), e);
        }
        return store;
    }

    public static ConfigStore open(Path dir) {
        return open(dir, CrashPoint.NONE);
    }

    public Path directory() {
        return dir;
    }

    private void recover() throws IOException {
        Path current = dir.resolve(CURRENT);
        currentVersion =
                Files.exists(current) ? Long.parseLong(Files.readString(current).strip()) : 0;
        for (Path p : list(historyDir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(AtomicFiles.TEMP_SUFFIX) || versionOf(name) > currentVersion) {
                LOG.warn("removing {} left by an interrupted commit", p);
                Files.delete(p);
            }
        }
        Files.deleteIfExists(dir.resolve(CURRENT + AtomicFiles.TEMP_SUFFIX));
        if (currentVersion > 0 && !Files.exists(configFile(currentVersion))) {
            throw new IOException(
                    "CURRENT names version " + currentVersion + " but " + configFile(currentVersion) + " is missing");
        }
    }

    /** The running version, or empty when nothing was ever committed. */
    public Optional<VersionInfo> current() {
        return currentVersion == 0 ? Optional.empty() : Optional.of(info(currentVersion));
    }

    /** Every committed version, oldest first. */
    public List<VersionInfo> history() {
        List<VersionInfo> out = new ArrayList<>();
        try {
            for (Path p : list(historyDir)) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json")) {
                    out.add(info(versionOf(name)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> Long.compare(a.version(), b.version()));
        return out;
    }

    public VersionInfo info(long version) {
        try {
            return JSON.readValue(metaFile(version).toFile(), VersionInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metadata of configuration version " + version, e);
        }
    }

    /** The YAML text of a version exactly as committed. */
    public String text(long version) {
        try {
            return Files.readString(configFile(version), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("configuration version " + version + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads and re-validates a version; a version that no longer validates is reported, not returned.
     *
     * @param baseDir folder that relative file references in the configuration resolve against
     */
    public PalisadeConfig load(long version, Path baseDir) {
        return ConfigLoader.parse(text(version), "version " + version, baseDir).orThrow();
    }

    /**
     * Persists {@code config} as the next version and makes it the running one. Returns after the commit point
     * (the rename of CURRENT) is durable.
     */
    public VersionInfo commit(PalisadeConfig config, String source, String description, long nowEpochMs) {
        long version = currentVersion + 1;
        String text = ConfigText.toYaml(config);
        VersionInfo info = new VersionInfo(
                version, nowEpochMs, source, description, ConfigText.digest(config), ConfigText.sharedDigest(config));
        try {
            Path temp = AtomicFiles.writeTemp(configFile(version), text);
            crashPoint.reached(CrashPoint.Step.VERSION_FILE_WRITTEN);
            AtomicFiles.publish(temp, configFile(version));
            crashPoint.reached(CrashPoint.Step.VERSION_FILE_RENAMED);
            AtomicFiles.write(metaFile(version), JSON.writeValueAsString(info));
            crashPoint.reached(CrashPoint.Step.META_WRITTEN);
            Path currentTemp = AtomicFiles.writeTemp(dir.resolve(CURRENT), version + "\n");
            crashPoint.reached(CrashPoint.Step.CURRENT_TEMP_WRITTEN);
            AtomicFiles.publish(currentTemp, dir.resolve(CURRENT));
            crashPoint.reached(CrashPoint.Step.CURRENT_RENAMED);
        } catch (IOException e) {
            throw new UncheckedIOException("commit of version " + version + " failed: " + e.getMessage(), e);
        }
        currentVersion = version;
        return info;
    }

    private Path configFile(long version) {
        return historyDir.resolve("%06d.yaml".formatted(version));
    }

    private Path metaFile(long version) {
        return historyDir.resolve("%06d.json".formatted(version));
    }

    private static long versionOf(String fileName) {
        int dot = fileName.indexOf('.');
        try {
            return Long.parseLong(fileName.substring(0, dot < 0 ? fileName.length() : dot));
        } catch (NumberFormatException e) {
            return -1; // not a version file: left alone
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
