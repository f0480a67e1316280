package io.palisade.main;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./palisade ha keygen}: writes an HA1 key pair and self-signed certificate. */
@Command(
        mixinStandardHelpOptions = true,
        name = "keygen",
        description = "Write an HA1 key pair and certificate for mutual TLS.")
final class HaKeygenCommand implements Runnable {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Override
    public void run() {
        throw NotBuiltYet.error("ha keygen", "issue 4: HA1 link");
    }
}
