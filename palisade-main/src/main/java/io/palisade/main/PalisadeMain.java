package io.palisade.main;

import io.palisade.common.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code ./palisade}. Exit codes: 0 success, 1 the command ran and found a failure, 2 bad usage
 * or input. Errors are one line on stderr; {@code --debug} adds the stack trace.
 */
@Command(
        name = "palisade",
        mixinStandardHelpOptions = true,
        versionProvider = PalisadeMain.Version.class,
        description = "A stateful firewall with PAN-OS style high availability.",
        subcommands = {
            DemoCommand.class,
            TestCommand.class,
            RunCommand.class,
            CliCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
            ConfigCommand.class,
            LabCommand.class,
            HaCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PalisadeMain implements Runnable {
    /** The software version, also compared between HA peers. */
    public static final String VERSION = "0.1.0";

    @Option(names = "--debug", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new PalisadeMain());
        cl.setExecutionExceptionHandler(PalisadeMain::onError);
        cl.setParameterExceptionHandler((e, a) -> {
            System.err.println("palisade: " + e.getMessage());
            System.err.println("Try './" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return UserError.BAD_INPUT;
        });
        return cl.execute(args);
    }

    private static int onError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = parsed.hasMatchedOption("--debug")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        if (debug) {
            e.printStackTrace(System.err);
        }
        if (e instanceof UserError u) {
            System.err.println("palisade: " + u.getMessage());
            return u.exitCode();
        }
        if (e instanceof io.palisade.config.ConfigException c) {
            System.err.println("palisade: " + c.getMessage());
            return UserError.BAD_INPUT;
        }
        System.err.println("palisade: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (debug ? "" : " (run with --debug for details)"));
        return UserError.FAILURE;
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"palisade " + VERSION + " (Java " + Runtime.version() + ")"};
        }
    }
}
