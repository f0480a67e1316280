package io.palisade.main;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./palisade lab}: lab control (up, status, fail FAULT, down). */
@Command(mixinStandardHelpOptions = true, name = "lab", description = "Lab control: up, status, fail FAULT, down.")
final class LabCommand implements Runnable {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Override
    public void run() {
        throw NotBuiltYet.error("lab", " up, status, fail FAULT, down.:issue 5: namespace lab");
    }
}
