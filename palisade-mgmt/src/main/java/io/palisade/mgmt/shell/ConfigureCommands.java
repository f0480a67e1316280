package io.palisade.mgmt.shell;

import io.palisade.config.validate.Problem;
import io.palisade.mgmt.api.ApiBodies.ValidateResult;
import io.palisade.mgmt.configedit.YamlPathEditor;
import io.palisade.mgmt.shell.CommandNode.Invocation;
import io.palisade.mgmt.shell.render.ConfigRenderer;
import io.palisade.ops.CommitResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The configure-mode grammar ({@code #} prompt): {@code set}, {@code delete}, {@code show}, {@code commit},
 * {@code validate}, {@code revert}, {@code run}, {@code exit}, all on the candidate through the API. Paths are YAML
 * paths ({@code session.timeouts.tcp}); the PAN-OS word form ({@code set session timeouts tcp 1800}) works too.
 */
final class ConfigureCommands {
    private final ShellSession session;

    private ConfigureCommands(ShellSession session) {
        this.session = session;
    }

    static CommandNode build(ShellSession session, CommandNode operational) {
        return new ConfigureCommands(session).root(operational);
    }

    private CommandNode root(CommandNode operational) {
        CommandNode root = CommandNode.root();
        CommandNode set = root.keyword("set", "Set a value in the candidate configuration")
                .value("<path>", "YAML path, e.g. session.timeouts.tcp or security-rules[0].action")
                .suggestOpen(session::configPaths);
        set.value("<value>", "YAML value, e.g. 1800, deny or [trust, dmz]")
                .suggestOpen(partial -> List.of())
                .greedy()
                .does(this::set);
        root.keyword("delete", "Delete a value from the candidate configuration")
                .value("<path>", "YAML path")
                .suggestOpen(session::configPaths)
                .greedy()
                .does(this::delete);
        CommandNode show =
                root.keyword("show", "Show the candidate configuration").does(i -> show(null));
        show.value("<path>", "YAML path").suggestOpen(session::configPaths).does(i -> show(i.value(0)));
        CommandNode commit =
                root.keyword("commit", "Commit the candidate configuration").does(i -> commit(""));
        commit.keyword("description", "Describe the commit")
                .value("<text>", "Description (quote it)")
                .greedy()
                .does(i -> commit(i.value(0)));
        root.keyword("validate", "Validate the candidate configuration").does(i -> validate());
        root.keyword("revert", "Throw candidate changes away").does(i -> {
            session.client().revert();
            return Outcome.ok("Candidate configuration reverted to the running configuration\n");
        });
        root.keyword("run", "Run an operational-mode command").adopt(operational);
        root.keyword("exit", "Leave configuration mode").does(i -> session.leaveConfigure());
        root.keyword("quit", "Leave configuration mode").does(i -> session.leaveConfigure());
        return root;
    }

    private Outcome set(Invocation i) {
        List<String> words = new ArrayList<>(List.of(i.value(0)));
        words.addAll(List.of(i.value(1).split(" ")));
        PathAndRest pr = pathAndRest(words);
        if (pr.rest().isEmpty()) {
            return Outcome.badCommand("set needs a value after " + pr.path() + "\n");
        }
        return changed(() -> session.client().setCandidateValue(pr.path(), String.join(" ", pr.rest())));
    }

    private Outcome delete(Invocation i) {
        PathAndRest pr = pathAndRest(List.of(i.value(0).split(" ")));
        if (!pr.rest().isEmpty()) {
            return Outcome.badCommand("Unknown path element: " + pr.rest().getFirst() + "\n");
        }
        return changed(() -> session.client().setCandidateValue(pr.path(), null));
    }

    private record PathAndRest(String path, List<String> rest) {}

    /** A YAML path is one word; a PAN-OS word path is read against the schema until a word is not a key. */
    private static PathAndRest pathAndRest(List<String> words) {
        String first = words.getFirst();
        if (first.contains(".") || first.contains("[") || words.size() == 1) {
            return new PathAndRest(first, words.subList(1, words.size()));
        }
        ConfigPaths.WordPath wp = ConfigPaths.fromWords(words);
        return new PathAndRest(wp.path(), words.subList(wp.consumed(), words.size()));
    }

    private Outcome changed(Runnable change) {
        change.run();
        return Outcome.ok("");
    }

    private Outcome show(String path) {
        String yaml = session.client().candidateConfig().yaml();
        if (path == null) {
            return Outcome.ok(yaml);
        }
        Object value = YamlPathEditor.get(yaml, path);
        if (value == null) {
            return Outcome.failed(path + " is not set in the candidate configuration\n");
        }
        return Outcome.ok(YamlPathEditor.dump(value));
    }

    private Outcome commit(String description) {
        CommitResult result = session.client().commit(description);
        return Outcome.ok("Configuration committed successfully (version "
                + result.version().version() + ")\n");
    }

    private Outcome validate() {
        ValidateResult result = session.client().validate();
        if (result.ok()) {
            return Outcome.ok("Validation succeeded\n");
        }
        List<Problem> problems = result.problems();
        return Outcome.failed("Validation failed: " + ConfigRenderer.problems(problems));
    }
}
