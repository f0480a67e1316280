package io.palisade.node;

import io.palisade.dataplane.engine.ForwardingMode;
import io.palisade.dataplane.port.MemoryPort;
import io.palisade.dataplane.port.Port;
import io.palisade.ha.agent.HaView;
import io.palisade.ha.election.HaSnapshot;
import io.palisade.ha.election.HaState;
import io.palisade.ha.election.HaTransition;
import io.palisade.ha.ha1.Ha1Transport;
import io.palisade.ha.ha1.LinkFaults;
import io.palisade.ha.monitor.ScriptedPathProbe;
import io.palisade.ha.sync.Ha2Link;
import io.palisade.ha.sync.Ha2LinkFaults;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** One running {@link Node} of a test pair, with the handles the HA tests use. */
final class HaTestNode implements AutoCloseable {
    final HaPairHarness.Settings settings;
    final Path configFile;
    final Path stateDirectory;
    final Node node;
    /** The path probe of every path-monitoring group of this node. */
    final ScriptedPathProbe pathProbe;
    /** The same probe, with the bug a test can plant in it. */
    final BreakablePathProbe breakableProbe;

    private boolean closed;

    HaTestNode(
            HaPairHarness.Settings settings,
            Path configFile,
            Path stateDirectory,
            Node node,
            BreakablePathProbe pathProbe) {
        this.settings = settings;
        this.configFile = configFile;
        this.stateDirectory = stateDirectory;
        this.node = node;
        this.pathProbe = pathProbe.scripted();
        this.breakableProbe = pathProbe;
    }

    String name() {
        return settings.hostname();
    }

    NodeOps ops() {
        return node.ops();
    }

    HaView view() {
        return node.haAgent().view();
    }

    HaState state() {
        return view().snapshot().local().state();
    }

    String reason() {
        return view().snapshot().local().reason().toString();
    }

    boolean is(HaState state) {
        return !closed && state() == state;
    }

    /** What the data plane does now (the forwarding switch the HA agent sets). */
    boolean forwarding() {
        return !closed && node.dataplane().forwardingSwitch().mode() == ForwardingMode.FORWARD;
    }

    List<HaTransition> history() {
        return view().snapshot().history();
    }

    /** Whether the history holds a transition into {@code to} whose reason contains {@code reason}. */
    boolean hasTransition(HaState to, String reason) {
        return history().stream()
                .anyMatch(t -> t.to() == to && t.reason().toString().contains(reason));
    }

    /** The peer as this node sees it, or null before it has heard of one. */
    HaSnapshot.Peer peer() {
        List<HaSnapshot.Peer> peers = view().snapshot().peers();
        return peers.isEmpty() ? null : peers.getFirst();
    }

    boolean bulkSyncComplete() {
        return view().snapshot().local().bulkSyncComplete();
    }

    /** The memory port behind an interface. */
    MemoryPort port(String interfaceName) {
        int id = node.dataplane().current().policy().interfaceId(interfaceName);
        Port p = node.dataplane().ports()[id];
        return (MemoryPort) p;
    }

    Ha1Transport ha1Link(String name) {
        return node.haAgent().ha1Links().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name() + " has no HA1 link " + name));
    }

    LinkFaults ha1() {
        return ha1Link(Ha1Transport.PRIMARY).faults();
    }

    LinkFaults ha1Backup() {
        return ha1Link(Ha1Transport.BACKUP).faults();
    }

    Ha2LinkFaults ha2() {
        return node.sessionSync().ha2().link(Ha2Link.PRIMARY).faults();
    }

    /** Blocks every HA link of this node (HA1, HA1 backup, HA2 and with it the heartbeat backup). */
    void isolate() {
        node.haAgent().ha1Links().forEach(t -> t.faults().setBlocked(true));
        ha2().setBlocked(true);
    }

    /** Clears every HA link fault of this node. */
    void reconnect() {
        node.haAgent().ha1Links().forEach(t -> t.faults().clear());
        ha2().clear();
    }

    /**
     * Dies without a goodbye: every HA link is blocked first (a blocked link sends nothing, so the goodbye that
     * {@link Node#close()} tries to send never leaves), then the node stops. For the peer this is a crash.
     */
    void crash() {
        isolate();
        close();
    }

    boolean closed() {
        return closed;
    }

    /** One line for failure messages. */
    String describe() {
        if (closed) {
            return name() + ": closed";
        }
        HaView v = view();
        var local = v.snapshot().local();
        String peers = v.snapshot().peers().stream()
                .map(p ->
                        p.serial() + "=" + (p.state() == null ? "?" : p.state().displayName()))
                .collect(Collectors.joining(","));
        String links =
                v.links().stream().map(l -> l.name() + (l.up() ? "↑" : "↓")).collect(Collectors.joining(" "));
        String history = v.snapshot().history().stream()
                .map(t -> t.to().displayName() + "(" + t.reason() + ")")
                .collect(Collectors.joining(" -> "));
        return name() + ": " + local.state().displayName() + " (" + local.reason() + "), forwarding "
                + node.dataplane().forwardingSwitch().mode() + ", bulk " + local.bulkSyncComplete() + " (HA2 "
                + node.sessionSync().ha2().bulkSyncState() + "), peers ["
                + peers + "], links [" + links + "], history: " + history;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            node.close();
        }
    }
}
