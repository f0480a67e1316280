package io.palisade.testkit.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Decides whether network-namespace tests can run here: root, an {@code ip} binary, and a working netns. */
public final class NetnsSupport {
    private static volatile Optional<String> cached;

    private NetnsSupport() {}

    /** Why namespace tests cannot run here, or empty when they can. */
    public static Optional<String> unavailableReason() {
        Optional<String> reason = cached;
        if (reason == null) {
            reason = probe();
            cached = reason;
        }
        return reason;
    }

    private static Optional<String> probe() {
        long uid = effectiveUid();
        if (uid != 0) {
            return Optional.of("network namespace tests need root (effective uid is " + uid + ")");
        }
        if (Commands.which("ip").isEmpty()) {
            return Optional.of("network namespace tests need the `ip` command (iproute2), which is not installed");
        }
        CommandResult list = Commands.run(Duration.ofSeconds(5), List.of("ip", "netns", "list"));
        if (!list.succeeded()) {
            return Optional.of("`ip netns` does not work here: " + list.describe());
        }
        return Optional.empty();
    }

    /** The effective uid from {@code /proc/self/status}; -1 when it cannot be read. */
    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
