package io.palisade.node;

import io.palisade.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one node in this process until SIGTERM/SIGINT: {@code ./palisade run} and the lab's node processes use
 * it ({@code java -cp ... io.palisade.node.NodeMain --config FILE [--state DIR] [--simulated-path-probes]
 * [--lab-faults]}).
 *
 * <p>{@code --simulated-path-probes} replaces ICMP path monitoring by a SIMULATION ({@link SimulatedPathProbes})
 * for the rootless in-process lab, whose udp-tunnel links have no IP stack. {@code --lab-faults} offers the lab's
 * fault injection switches through the API. Neither belongs on a production node.
 */
public final class NodeMain {
    /** The flag that turns on simulated path probes. */
    public static final String SIMULATED_PATH_PROBES = "--simulated-path-probes";

    /** The flag that offers the lab fault switches. */
    public static final String LAB_FAULTS = "--lab-faults";

    private NodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path config = null;
        Path state = null;
        boolean simulatedProbes = false;
        boolean labFaults = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(value(args, ++i));
                case "--state" -> state = Path.of(value(args, ++i));
                case SIMULATED_PATH_PROBES -> simulatedProbes = true;
                case LAB_FAULTS -> labFaults = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (config == null) {
            usage("--config FILE is required");
        }
        try {
            run(config, state, simulatedProbes, labFaults);
        } catch (UserError e) {
            System.err.println("palisade: " + e.getMessage());
            System.exit(e.exitCode());
        } catch (io.palisade.config.ConfigException e) {
            System.err.println("palisade: " + e.getMessage());
            System.exit(2);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("palisade: " + problem);
        System.exit(2);
    }

    /** Starts the node, prints where management listens, and blocks until the JVM is asked to stop. */
    public static void run(Path config, Path state) throws InterruptedException {
        run(config, state, false, false);
    }

    /**
     * As {@link #run(Path, Path)}, optionally with SIMULATED path probes (in-process lab) and the lab's fault
     * injection switches.
     */
    public static void run(Path config, Path state, boolean simulatedPathProbes, boolean labFaults)
            throws InterruptedException {
        if (!Files.isRegularFile(config)) {
            throw new UserError(config + ": no such file");
        }
        Node.Options options = Node.Options.standard().withLabFaults(labFaults);
        if (state != null) {
            options = options.withStateDirectory(state.toAbsolutePath());
        }
        if (simulatedPathProbes) {
            options = options.withPathProbes(new SimulatedPathProbes());
        }
        Node node = Node.start(config, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            node.close();
            stopped.countDown();
        }));
        System.out.println("palisade node "
                + node.configService().running().config().device().hostname() + " running; management at "
                + node.management().baseUri() + (simulatedPathProbes ? "; path probes SIMULATED" : "")
                + (labFaults ? "; lab fault injection on" : "") + " (stop with Ctrl-C)");
        System.out.flush();
        stopped.await();
    }
}
