package io.palisade.main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which lab runs: the namespace lab (real Linux hosts in network namespaces) as root with {@code ip} available,
 * the in-process lab (node processes on loopback) otherwise or when asked.
 */
final class LabModes {
    /** Topologies of {@code lab up}: the in-process pair, and the namespace lab's ({@code netns} is {@code l3}). */
    static final List<String> TOPOLOGIES = List.of("inproc", "netns", "l3", "vwire");

    /** The namespace lab's name for a topology of {@code lab up}. */
    static String netnsTopology(String topology) {
        return topology == null || topology.equals("netns") ? "l3" : topology;
    }

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
}
