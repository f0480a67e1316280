package io.palisade.testkit.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds throw-away network topologies with the {@code ip} command and removes them on {@link #close()}: every
 * namespace is named {@code pal-<8 hex>-<short name>}, so parallel runs and leftovers never collide, and a JVM
 * shutdown hook removes whatever a crashed test left open. Interfaces are created directly inside namespaces, so
 * the root namespace is never touched.
 *
 * <p>Offloads: {@link #disableOffloads} uses the {@code ethtool} binary when it exists. Without it the fixture
 * cannot switch offloads (testkit depends only on palisade-common, so it cannot use palisade-linux's FFM
 * {@code Ethtool}); tests in palisade-linux call that helper themselves from a thread inside the namespace.
 *
 * <p>Not thread-safe: one test class owns one lab.
 */
public final class NetnsLab implements AutoCloseable {
    /** Default timeout for {@code ip} and other set-up commands. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<NetnsLab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(NetnsLab::close), "netns-lab-cleanup"));
    }

    private final String prefix;
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final List<BackgroundProcess> processes = new ArrayList<>();
    private boolean closed;

    private NetnsLab(String prefix) {
        this.prefix = prefix;
    }

    /** A new empty lab with a random prefix such as {@code pal-3f9a0c1e-}. */
    public static NetnsLab create() {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        NetnsLab lab = new NetnsLab("pal-" + random + "-");
        OPEN.add(lab);
        return lab;
    }

    public String prefix() {
        return prefix;
    }

    /** Every namespace created so far, in creation order. */
    public List<Namespace> namespaces() {
        return List.copyOf(namespaces.values());
    }

    /** Creates namespace {@code <prefix><shortName>} with its loopback up. */
    public Namespace namespace(String shortName) {
        checkOpen();
        Namespace ns = new Namespace(prefix + shortName, shortName);
        if (namespaces.putIfAbsent(shortName, ns) != null) {
            throw new IllegalArgumentException("namespace " + shortName + " already exists in this lab");
        }
        ip("netns", "add", ns.name());
        ip("-n", ns.name(), "link", "set", "lo", "up");
        return ns;
    }

    /** Creates a veth pair between two namespaces (they may be the same); both ends are left down. */
    public VethPair veth(Namespace a, String nameA, Namespace b, String nameB) {
        checkOpen();
        ip("-n", a.name(), "link", "add", nameA, "type", "veth", "peer", "name", nameB, "netns", b.name());
        return new VethPair(a, nameA, b, nameB);
    }

    /** Creates a bridge in {@code ns}, enslaves {@code members} and brings everything up. */
    public void bridge(Namespace ns, String name, String... members) {
        checkOpen();
        ip("-n", ns.name(), "link", "add", name, "type", "bridge");
        for (String member : members) {
            ip("-n", ns.name(), "link", "set", member, "master", name);
            up(ns, member);
        }
        up(ns, name);
    }

    /** Adds an address in CIDR form; IPv6 addresses skip duplicate address detection so they work at once. */
    public void addAddress(Namespace ns, String ifname, String cidr) {
        checkOpen();
        if (cidr.contains(":")) {
            ip("-n", ns.name(), "addr", "add", cidr, "dev", ifname, "nodad");
        } else {
            ip("-n", ns.name(), "addr", "add", cidr, "dev", ifname);
        }
    }

    public void up(Namespace ns, String ifname) {
        ip("-n", ns.name(), "link", "set", ifname, "up");
    }

    public void down(Namespace ns, String ifname) {
        ip("-n", ns.name(), "link", "set", ifname, "down");
    }

    /**
     * Switches off GRO, GSO, TSO and TX checksumming with {@code ethtool -K} so frames seen by AF_PACKET are single,
     * complete frames.
     *
     * @return false (and changes nothing) when no {@code ethtool} binary exists
     */
    public boolean disableOffloads(Namespace ns, String ifname) {
        if (Commands.which("ethtool").isEmpty()) {
            return false;
        }
        exec(ns, COMMAND_TIMEOUT, "ethtool", "-K", ifname, "gro", "off", "gso", "off", "tso", "off", "tx", "off")
                .orThrow();
        return true;
    }

    /** Runs {@code ip ARGS} in the root context (use {@code -n NAME} to address a namespace); throws on failure. */
    public CommandResult ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        Collections.addAll(command, args);
        return Commands.run(COMMAND_TIMEOUT, command).orThrow();
    }

    /** Runs a command inside {@code ns} with a timeout, capturing its output; never throws for a failed command. */
    public CommandResult exec(Namespace ns, Duration timeout, String... command) {
        checkOpen();
        return Commands.run(timeout, inNamespace(ns, command));
    }

    /** Starts a long-running command inside {@code ns}; it is killed by PID on {@link #close()} at the latest. */
    public BackgroundProcess spawn(Namespace ns, String... command) {
        checkOpen();
        List<String> argv = inNamespace(ns, command);
        try {
            Path output = Files.createTempFile("pal-bg", ".log");
            Process process = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            BackgroundProcess started = new BackgroundProcess(argv, process, output);
            processes.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv), e);
        }
    }

    /** Names of the namespaces that currently exist with this lab's prefix, per {@code ip netns list}. */
    public List<String> existingNamespaces() {
        return Commands.run(COMMAND_TIMEOUT, List.of("ip", "netns", "list"))
                .stdout()
                .lines()
                .map(line -> line.split("\\s+", 2)[0])
                .filter(name -> name.startsWith(prefix))
                .toList();
    }

    /**
     * Kills the processes this lab started and deletes its namespaces (which destroys their interfaces), including
     * any namespace with this lab's prefix that a test created some other way. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        processes.forEach(BackgroundProcess::close);
        processes.clear();
        for (Namespace ns : namespaces.values()) {
            Commands.run(COMMAND_TIMEOUT, List.of("ip", "netns", "del", ns.name()));
        }
        for (String leftover : existingNamespaces()) {
            Commands.run(COMMAND_TIMEOUT, List.of("ip", "netns", "del", leftover));
        }
        namespaces.clear();
    }

    private static List<String> inNamespace(Namespace ns, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        Collections.addAll(argv, command);
        return argv;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + prefix + " is closed");
        }
    }
}
