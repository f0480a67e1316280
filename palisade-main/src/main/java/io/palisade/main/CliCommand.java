package io.palisade.main;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./palisade cli}: Interactive PAN-OS style operational shell, or one command with -c. */
@Command(
        mixinStandardHelpOptions = true,
        name = "cli",
        description = "Interactive PAN-OS style operational shell, or one command with -c.")
final class CliCommand implements Runnable {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Override
    public void run() {
        throw NotBuiltYet.error("cli", "issue 6: management plane");
    }
}
