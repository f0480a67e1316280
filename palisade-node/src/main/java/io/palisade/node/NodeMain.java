package io.palisade.node;

import io.palisade.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one node in this process until SIGTERM/SIGINT: {@code ./palisade run} and the lab's node processes use
 * it ({@code java -cp ... io.palisade.node.NodeMain --config FILE [--state DIR]}).
 */
public final class NodeMain {
    private NodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path config = null;
        Path state = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[i + 1]);
                case "--state" -> state = Path.of(args[i + 1]);
                default -> {
                    System.err.println("palisade: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (config == null) {
            System.err.println("palisade: --config FILE is required");
            System.exit(2);
        }
        try {
            run(config, state);
        } catch (UserError e) {
            System.err.println("palisade: " + e.getMessage());
            System.exit(e.exitCode());
        } catch (io.palisade.config.ConfigException e) {
            System.err.println("palisade: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Starts the node, prints where management listens, and blocks until the JVM is asked to stop. */
    public static void run(Path config, Path state) throws InterruptedException {
        if (!Files.isRegularFile(config)) {
            throw new UserError(config + ": no such file");
        }
        Node.Options options = Node.Options.standard();
        if (state != null) {
            options = options.withStateDirectory(state.toAbsolutePath());
        }
        Node node = Node.start(config, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            node.close();
            stopped.countDown();
        }));
        System.out.println("palisade node "
                + node.configService().running().config().device().hostname() + " running; management at "
                + node.management().baseUri() + " (stop with Ctrl-C)");
        System.out.flush();
        stopped.await();
    }
}
