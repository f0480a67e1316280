package io.palisade.linux.netlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fallback link-state source: {@code /sys/class/net/IF/operstate}, polled. Prefer {@link LinkEventSubscription}
 * (events, no polling delay).
 *
 * <p>Caveat: sysfs shows the interfaces of the network namespace <i>that mounted it</i>, not of the reading thread's
 * namespace, so a thread that entered a namespace with {@code setns} still sees the original namespace here (which
 * is why {@code ip netns exec} remounts /sys). Use it only where /sys belongs to the namespace being monitored.
 */
public final class SysfsOperstate {
    private final Path classNet;

    /** Reads under {@code classNet} (normally {@code /sys/class/net}; tests pass a directory of their own). */
    public SysfsOperstate(Path classNet) {
        this.classNet = classNet;
    }

    public static SysfsOperstate system() {
        return new SysfsOperstate(Path.of("/sys/class/net"));
    }

    /** The interface's operational state; empty when no such interface exists. */
    public Optional<OperState> read(String interfaceName) throws IOException {
        if (interfaceName.isEmpty() || interfaceName.contains("/") || interfaceName.startsWith(".")) {
            throw new IllegalArgumentException("bad interface name '" + interfaceName + "'");
        }
        try {
            return Optional.of(OperState.fromSysfs(
                    Files.readString(classNet.resolve(interfaceName).resolve("operstate"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
