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
        int code = new io.palisade.lab.netns.LabControl(io.palisade.lab.LabState.defaultFile(), System.out).run(args);
        if (code != 0) {
            throw new io.palisade.common.UserError("lab command failed", code, null);
        }
    }
}
