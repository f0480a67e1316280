package io.palisade.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.bench.BenchResult;
import io.palisade.bench.EngineBenchmarks;
import io.palisade.bench.MemoryBenchmark;
import io.palisade.common.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./palisade bench NAME}: built-in benchmarks that print what they measured. */
@Command(
        mixinStandardHelpOptions = true,
        name = "bench",
        description = "Built-in benchmarks: fastpath, setup, memory (session engine), sync (HA2), forward (namespace"
                + " lab). Figures are measured on this machine; they are not tests.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "fastpath, setup, memory, sync or forward")
    String name;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--seconds", defaultValue = "3", description = "Measuring time per figure (fastpath).")
    double seconds;

    @Override
    public Integer call() throws Exception {
        List<BenchResult> results = new ArrayList<>();
        switch (name) {
            case "fastpath" -> {
                results.add(EngineBenchmarks.fastpath(100_000, seconds));
                results.add(EngineBenchmarks.fastpath(1_000_000, seconds));
            }
            case "setup" -> {
                results.add(EngineBenchmarks.setup(1_000, 800_000));
                results.add(EngineBenchmarks.setup(10_000, 800_000));
            }
            case "memory" -> results.add(MemoryBenchmark.run(10_000_000));
            case "sync" -> results.add(io.palisade.bench.SyncBench.run(1_000_000, 100_000));
            case "forward" -> results.addAll(io.palisade.bench.ForwardBenchmark.run(5, 2));
            default -> throw new UserError("unknown benchmark '" + name + "' (fastpath, setup, memory, sync, forward)");
        }
        print(results);
        return 0;
    }

    private void print(List<BenchResult> results) throws Exception {
        if (json) {
            Object out = results.size() == 1
                    ? results.getFirst().toMap()
                    : results.stream().map(BenchResult::toMap).toList();
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(out));
            return;
        }
        for (BenchResult r : results) {
            System.out.printf("%s: %s %s%n", r.name(), r.value(), r.unit());
            for (Map.Entry<String, Object> e : r.details().entrySet()) {
                System.out.printf("  %-20s %s%n", e.getKey(), e.getValue());
            }
        }
    }
}
