package io.palisade.main;

import io.palisade.node.NodeMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./palisade run --config FILE}: one firewall node until SIGTERM or Ctrl-C (graceful: the peer is told). */
@Command(
        mixinStandardHelpOptions = true,
        name = "run",
        description = "Run one firewall node from a configuration file until stopped (SIGTERM/Ctrl-C stop it"
                + " gracefully: an HA peer takes over at once).")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The node's YAML configuration.")
    Path config;

    @Option(names = "--state", description = "State directory (default: device.state-directory of the config).")
    Path state;

    @Override
    public Integer call() throws InterruptedException {
        NodeMain.run(config, state);
        return 0;
    }
}
