package io.palisade.main;

import io.palisade.lab.demo.DemoOptions;
import io.palisade.lab.demo.DemoReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which lab runs: the namespace lab (real Linux hosts in network namespaces) as root with {@code ip} available,
 * the in-process lab (node processes on loopback) otherwise or when asked. The namespace lab's entry points are
 * wired here, one line each, when {@code io.palisade.lab.netns} provides them.
 */
final class LabModes {
    /** What the user is told when the namespace lab is wanted but not there. */
    static final String NETNS_NOT_BUILT = "namespace lab not built yet; running the in-process lab";

    /** Topologies of {@code lab up}: the in-process pair, and the namespace lab's. */
    static final List<String> TOPOLOGIES = List.of("inproc", "netns", "l3", "vwire");

    private LabModes() {}

    /** Root, and an {@code ip} binary to build namespaces with. */
    static boolean namespacesPossible() {
        return isRoot() && ipAvailable();
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .findFirst()
                    .map(l -> l.split("\\s+")[1].equals("0"))
                    .orElse(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean ipAvailable() {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ip"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The namespace demo, or empty while it is not built. Wiring it is this one line:
     * {@code return Optional.of(io.palisade.lab.netns.NetnsDemo.run(options));}
     */
    static Optional<DemoReport> netnsDemo(DemoOptions options) {
        return Optional.empty();
    }

    /**
     * Brings a namespace lab of {@code topology} up; false while the namespace lab is not built. Wiring it is one
     * line calling the namespace lab's {@code up} for the topology.
     */
    static boolean netnsLabUp(String topology, String timerProfile, Path stateFile) {
        return false;
    }
}
