package io.palisade.main;

import io.palisade.common.UserError;
import io.palisade.mgmt.shell.Shell;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./palisade cli}: the PAN-OS style operational shell, interactive or one command with {@code -c}. */
@Command(
        mixinStandardHelpOptions = true,
        name = "cli",
        description = "PAN-OS style operational shell against a node's REST API; -c runs one command and exits.")
final class CliCommand implements Callable<Integer> {
    @Option(
            names = "--node",
            description =
                    "Node management URL (default: the first node of a running lab, else" + " http://127.0.0.1:9443).")
    String node;

    @Option(names = "--key", description = "API key (default: $PALISADE_API_KEY, else the lab's key for the node).")
    String key;

    @Option(names = "-c", description = "Run one command and exit.")
    String command;

    @Override
    public Integer call() {
        LabTargets.Target target = LabTargets.resolve(node, key);
        if (target.apiKey() == null || target.apiKey().isBlank()) {
            throw new UserError("no API key: pass --key or set PALISADE_API_KEY");
        }
        return Shell.run(target.url(), target.apiKey(), command, System.in, System.out, System.err);
    }
}
