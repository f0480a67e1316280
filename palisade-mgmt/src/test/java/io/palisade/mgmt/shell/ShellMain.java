package io.palisade.mgmt.shell;

/** Starts the interactive shell on the real terminal, for the tmux test: {@code ShellMain URL KEY}. */
public final class ShellMain {
    private ShellMain() {}

    public static void main(String[] args) {
        System.exit(Shell.run(args[0], args[1], null, System.in, System.out, System.err));
    }
}
