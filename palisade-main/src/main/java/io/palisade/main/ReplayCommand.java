package io.palisade.main;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./palisade replay}: Push a pcap/pcapng capture through the session engine. */
@Command(
        mixinStandardHelpOptions = true,
        name = "replay",
        description = "Push a pcap/pcapng capture through the session engine.")
final class ReplayCommand implements Runnable {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Override
    public void run() {
        throw NotBuiltYet.error("replay", "issue 3: session engine");
    }
}
