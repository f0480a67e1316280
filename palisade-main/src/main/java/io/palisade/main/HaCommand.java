package io.palisade.main;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./palisade ha ...}: HA key management. */
@Command(
        mixinStandardHelpOptions = true,
        name = "ha",
        description = "HA utilities: keygen writes an HA1 key pair and certificate.",
        subcommands = {HaKeygenCommand.class})
final class HaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
