package io.palisade.main;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./palisade run}: Run one firewall node from a configuration file. */
@Command(
        mixinStandardHelpOptions = true,
        name = "run",
        description = "Run one firewall node from a configuration file.")
final class RunCommand implements Runnable {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Override
    public void run() {
        throw NotBuiltYet.error("run", "issue 3/4: node runtime");
    }
}
