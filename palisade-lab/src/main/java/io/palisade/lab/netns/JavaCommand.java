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

    /** {@code ip netns exec NS java [jvm options] -cp CLASSPATH MAIN ARGS...}. */
    public static List<String> inNamespace(String ns, String heap, String mainClass, String... args) {
        return inNamespace(ns, 0, heap, mainClass, args);
    }

    /**
     * The same with a scheduling priority: the firewall nodes run at {@code nice -10}, so on a two-core machine the
     * traffic generators (which stand for other machines) do not starve their heartbeats.
     */
    public static List<String> inNamespace(String ns, int nice, String heap, String mainClass, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        if (nice != 0) {
            argv.addAll(List.of("nice", "-n", String.valueOf(nice)));
        }
        argv.add(javaBinary());
        argv.add("--enable-native-access=ALL-UNNAMED");
        argv.add("-Xmx" + heap);
        argv.addAll(List.of(System.getProperty("palisade.lab.jvmOptions", "-XX:+UseSerialGC")
                .split(" ")));
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
