package io.palisade.mgmt.shell;

import io.palisade.mgmt.shell.CommandNode.Invocation;
import io.palisade.mgmt.shell.CommandNode.Option;
import io.palisade.mgmt.shell.render.ConfigRenderer;
import io.palisade.mgmt.shell.render.CounterRenderer;
import io.palisade.mgmt.shell.render.HaRenderer;
import io.palisade.mgmt.shell.render.SessionRenderer;
import io.palisade.mgmt.shell.render.SystemRenderer;
import io.palisade.ops.CommandResult;
import io.palisade.ops.CounterValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operational-mode grammar ({@code >} prompt) and what each command does. */
final class OperationalCommands {
    /** Rows asked for by {@code show session all}. */
    static final int SESSION_LIMIT = 1000;

    private static final List<String> PROTOCOLS = List.of("1", "6", "17", "58");

    private final ShellSession session;

    private OperationalCommands(ShellSession session) {
        this.session = session;
    }

    static CommandNode build(ShellSession session) {
        return new OperationalCommands(session).root();
    }

    private NodeClient client() {
        return session.client();
    }

    private CommandNode root() {
        CommandNode root = CommandNode.root();
        show(root.keyword("show", "Show operational information"));
        request(root.keyword("request", "Make system-level requests"));
        test(root.keyword("test", "Test the policy"));
        root.keyword("configure", "Manipulate the candidate configuration").does(i -> session.enterConfigure());
        root.keyword("exit", "Exit this session").does(i -> session.requestExit());
        root.keyword("quit", "Exit this session").does(i -> session.requestExit());
        return root;
    }

    private void show(CommandNode show) {
        CommandNode ha = show.keyword("high-availability", "Show high-availability information");
        ha.keyword("all", "Show all HA information").does(i -> ok(HaRenderer.all(client().haStatus(), session.now())));
        ha.keyword("state", "Show HA state").does(i -> ok(HaRenderer.state(client().haStatus(), session.now())));
        ha.keyword("state-synchronization", "Show HA2 session synchronisation")
                .does(i -> ok(HaRenderer.stateSynchronization(client().haStateSynchronization())));
        ha.keyword("link-monitoring", "Show link monitoring state")
                .does(i -> ok(HaRenderer.linkMonitoring(client().haLinkMonitoring())));
        ha.keyword("path-monitoring", "Show path monitoring state")
                .does(i -> ok(HaRenderer.pathMonitoring(client().haPathMonitoring())));
        ha.keyword("flap-statistics", "Show preemption and non-functional flap counters")
                .does(i -> ok(HaRenderer.flapStatistics(client().haFlapStatistics(), session.zone())));
        ha.keyword("transitions", "Show the HA state transition timeline")
                .does(i -> ok(HaRenderer.transitions(client().haTransitions(), session.zone())));

        CommandNode sessions = show.keyword("session", "Show session information");
        CommandNode all = sessions.keyword("all", "Show all sessions").does(this::sessions);
        all.keyword("filter", "Show sessions matching a filter")
                .options(
                        Option.of("source", "<ip>", "Client address"),
                        Option.of("destination", "<ip>", "Server address"),
                        Option.of("source-port", "<1-65535>", "Client port"),
                        Option.of("destination-port", "<1-65535>", "Server port"),
                        Option.of("protocol", "<0-255>", "IP protocol number").values(() -> PROTOCOLS),
                        Option.of("from", "<zone>", "Source zone").values(session::zones),
                        Option.of("to", "<zone>", "Destination zone").values(session::zones),
                        Option.of("application", "<name>", "Application"),
                        Option.of("rule", "<name>", "Security rule"),
                        Option.of("state", "<state>", "Session state").values(() -> List.of("active", "discard")))
                .does(this::sessions);
        sessions.keyword("id", "Show one session")
                .value("<id>", "Session id")
                .suggest(session::sessionIds)
                .does(i -> ok(SessionRenderer.detail(
                        client().session(sessionId(i.value(0))), session.now(), session.zone())));
        sessions.keyword("info", "Show session table figures and timeouts")
                .does(i -> ok(SessionRenderer.info(client().sessionInfo())));

        CommandNode counter = show.keyword("counter", "Show counters");
        CommandNode global = counter.keyword("global", "Show global counters").does(this::counters);
        global.keyword("filter", "Show counters matching a filter")
                .options(
                        Option.of("severity", "<severity>", "Counter severity")
                                .values(() -> List.of("info", "warn", "drop", "error")),
                        Option.of("category", "<category>", "Counter category")
                                .values(() -> List.of("packet", "flow", "session", "ha")),
                        Option.of("name", "<text>", "Part of the counter name"),
                        Option.of("value", "<all|non-zero>", "Which counters (default non-zero)")
                                .values(() -> List.of("all", "non-zero")))
                .does(this::counters);

        show.keyword("system", "Show system information")
                .keyword("info", "Show system information")
                .does(i -> ok(SystemRenderer.info(client().systemInfo())));

        CommandNode config = show.keyword("config", "Show configuration");
        config.keyword("running", "Show the running configuration")
                .does(i -> ok(client().runningConfig().yaml()));
        config.keyword("candidate", "Show the candidate configuration")
                .does(i -> ok(client().candidateConfig().yaml()));
        config.keyword("diff", "Show differences between running and candidate")
                .does(i -> ok(diffText(client().diff(null, null).diff())));
        config.keyword("history", "Show the commit history")
                .does(i -> ok(ConfigRenderer.history(client().configHistory(), session.zone())));
    }

    private void request(CommandNode request) {
        CommandNode ha = request.keyword("high-availability", "High-availability requests");
        CommandNode state = ha.keyword("state", "Change the local HA state");
        state.keyword("suspend", "Suspend the local device (the peer takes over)")
                .does(i -> result(client().haSuspend()));
        state.keyword("functional", "Make the suspended local device functional again")
                .does(i -> result(client().haFunctional()));
        ha.keyword("sync-to-remote", "Synchronise to the peer")
                .keyword("running-config", "Send the running configuration to the peer")
                .does(i -> result(client().haSyncToRemoteRunningConfig()));
    }

    private void test(CommandNode test) {
        test.keyword("security-policy-match", "Find the security rule a flow matches")
                .options(
                        Option.of("from", "<zone>", "Source zone")
                                .values(session::zones)
                                .mandatory(),
                        Option.of("to", "<zone>", "Destination zone")
                                .values(session::zones)
                                .mandatory(),
                        Option.of("source", "<ip>", "Source address").mandatory(),
                        Option.of("destination", "<ip>", "Destination address").mandatory(),
                        Option.of("protocol", "<0-255>", "IP protocol number")
                                .values(() -> PROTOCOLS)
                                .mandatory(),
                        Option.of("destination-port", "<0-65535>", "Destination port")
                                .mandatory(),
                        Option.of("application", "<name>", "Application"),
                        Option.of("source-user", "<user>", "Source user"))
                .does(i -> ok(SystemRenderer.policyMatch(client().securityPolicyMatch(i.options()))));
    }

    private Outcome sessions(Invocation i) {
        Map<String, String> filter = new LinkedHashMap<>(i.options());
        return ok(SessionRenderer.all(client().sessions(filter, SESSION_LIMIT)));
    }

    private Outcome counters(Invocation i) {
        Map<String, String> filter = new LinkedHashMap<>(i.options());
        String value = filter.remove("value");
        if (value != null && !value.equals("all") && !value.equals("non-zero")) {
            return Outcome.badCommand("value must be all or non-zero");
        }
        List<CounterValue> counters = client().counters(filter);
        if (!"all".equals(value)) {
            counters = counters.stream().filter(c -> c.value() != 0).toList();
        }
        return ok(CounterRenderer.global(counters));
    }

    private static long sessionId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CommandTree.CommandError("Invalid session id: " + text);
        }
    }

    static String diffText(String diff) {
        return diff.isEmpty() ? "No differences between running and candidate configuration\n" : diff;
    }

    private static Outcome ok(String text) {
        return Outcome.ok(text);
    }

    private static Outcome result(CommandResult r) {
        return r.ok() ? Outcome.ok(r.message() + "\n") : Outcome.failed(r.message() + "\n");
    }
}
