package io.palisade.lab.netns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for the lab's Java processes (firewall nodes, traffic tools): this JVM's own {@code java} binary
 * and class path (the launcher's jar, or the test class path under Maven), run inside a namespace with
 * {@code ip netns exec}.
 */
public final class JavaCommand {
    private JavaCommand() {}

    /** {@code ip netns exec NS java [jvm options] -cp CLASSPATH MAIN ARGS...} for a helper (traffic tools). */
    public static List<String> inNamespace(String ns, String heap, String mainClass, String... args) {
        return command(ns, 0, heap, "-XX:+UseSerialGC", mainClass, args);
    }

    /** {@code java [jvm options] -cp CLASSPATH MAIN ARGS...} in this process's own namespace (the API relay). */
    public static List<String> here(String heap, String mainClass, String... args) {
        return command(null, 0, heap, "-XX:+UseSerialGC", mainClass, args);
    }

    /**
     * JVM options of a firewall node. Without the trap limits C2 compiles the forwarding branches a passive node
     * never took (it discarded everything) as traps; the first packets after a takeover then deoptimise the
     * workers' hot loop, which ran interpreted for 50 to 180 ms in the lab, a gap in traffic after the takeover.
     * With them every branch is compiled: the gap after takeover went down to 10 to 25 ms.
     */
    static final String NODE_JVM_OPTIONS = "-XX:+UseZGC -XX:PerMethodTrapLimit=0 -XX:PerBytecodeTrapLimit=0";

    /**
     * A firewall node with ZGC, whose pauses stay far below a heartbeat interval (a serial collection of a
     * CPU-starved JVM took 50 to 400 ms in the lab and stalled both forwarding and HA). The lab runs nodes at
     * {@code nice -10}, so on a two-core machine the traffic generators (which stand for other machines) do not
     * starve their heartbeats; the benchmark runs its node at normal priority.
     */
    public static List<String> node(String ns, int nice, String heap, String... args) {
        return command(ns, nice, heap, NODE_JVM_OPTIONS, "io.palisade.node.NodeMain", args);
    }

    private static List<String> command(String ns, int nice, String heap, String gc, String mainClass, String... args) {
        List<String> argv = new ArrayList<>();
        if (ns != null) {
            argv.addAll(List.of("ip", "netns", "exec", ns));
        }
        if (nice != 0) {
            argv.addAll(List.of("nice", "-n", String.valueOf(nice)));
        }
        argv.add(javaBinary());
        argv.add("--enable-native-access=ALL-UNNAMED");
        argv.add("-Xmx" + heap);
        argv.addAll(List.of(System.getProperty("palisade.lab.jvmOptions", gc).split(" ")));
        argv.add("-Xss512k");
        argv.add("-cp");
        argv.add(classPath());
        argv.add(mainClass);
        argv.addAll(List.of(args));
        return argv;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Under Surefire/Failsafe the JVM's class path is a manifest-only jar; the real one is in this property. */
    static String classPath() {
        String test = System.getProperty("surefire.test.class.path");
        return test != null && !test.isBlank() ? test : System.getProperty("java.class.path");
    }
}
