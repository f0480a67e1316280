package io.palisade.main;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./palisade bench}: Built-in benchmarks (fastpath, setup, memory, sync, forward). */
@Command(
        mixinStandardHelpOptions = true,
        name = "bench",
        description = "Built-in benchmarks (fastpath, setup, memory, sync, forward).")
final class BenchCommand implements Runnable {
    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Override
    public void run() {
        throw NotBuiltYet.error("bench", "issue 3: benchmarks");
    }
}
