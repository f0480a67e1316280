package io.palisade.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.common.UserError;
import io.palisade.config.ConfigLoader;
import io.palisade.config.validate.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./palisade config ...}: offline configuration tools. */
@Command(
        mixinStandardHelpOptions = true,
        name = "config",
        description = "Configuration tools: validate a file.",
        subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints {@code ok} or every problem with its location; exit 1 when the file has problems. */
    @Command(
            mixinStandardHelpOptions = true,
            name = "validate",
            description = "Validate a configuration file; prints ok or every problem.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "YAML configuration file")
        Path file;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                throw new UserError(file + ": no such file");
            }
            ConfigLoader.Result result = ConfigLoader.load(file);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("file", file.toString());
                out.put("ok", result.ok());
                out.put("problems", result.problems());
                System.out.println(new ObjectMapper().writeValueAsString(out));
            } else if (result.ok()) {
                System.out.println("ok");
            } else {
                print(result.problems(), file.toString());
            }
            return result.ok() ? 0 : UserError.FAILURE;
        }

        private static void print(List<Problem> problems, String source) {
            System.out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":");
            for (Problem p : problems) {
                System.out.println("  " + p.format(source));
            }
        }
    }
}
