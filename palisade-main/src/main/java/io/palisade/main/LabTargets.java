package io.palisade.main;

import io.palisade.lab.LabState;
import java.util.Optional;

/** Where {@code cli} connects: explicit options, the environment, or the running lab's state file. */
final class LabTargets {
    /** A node's URL and key. */
    record Target(String url, String apiKey) {}

    private LabTargets() {}

    static Target resolve(String url, String key) {
        return resolve(url, key, LabState.load(LabState.defaultFile()), System.getenv("PALISADE_API_KEY"));
    }

    /** {@code url} and {@code key} as given, else from {@code envKey} and the recorded {@code lab}. */
    static Target resolve(String url, String key, Optional<LabState> lab, String envKey) {
        if (url == null) {
            // The first node whose process runs: after a demo or a kill fault the first one may be gone.
            url = lab.flatMap(l -> l.nodes().stream()
                            .filter(n -> ProcessHandle.of(n.pid())
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false))
                            .findFirst()
                            .or(() -> l.nodes().stream().findFirst()))
                    .map(LabState.NodeEntry::reachableApi)
                    .orElse("http://127.0.0.1:9443");
        }
        if (key == null) {
            key = envKey;
        }
        if (key == null) {
            String u = url;
            key = lab.flatMap(l -> l.nodes().stream()
                            .filter(n -> n.api().equals(u) || n.reachableApi().equals(u))
                            .findFirst())
                    .map(LabState.NodeEntry::apiKey)
                    .orElse(null);
        }
        return new Target(url, key);
    }
}
