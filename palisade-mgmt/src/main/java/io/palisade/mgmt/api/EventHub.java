package io.palisade.mgmt.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import io.palisade.mgmt.api.ApiBodies.Snapshot;
import io.palisade.ops.HaTransition;
import io.palisade.ops.OpsEvent;
import io.palisade.ops.OpsService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events for {@code /api/v1/events}. One publisher thread owns the list of connected clients and is
 * the only writer to them, so an ops event and a periodic snapshot never interleave on a stream. The ops
 * listener only queues work for that thread: it never blocks the component that emitted the event.
 *
 * <p>Event names: {@code snapshot} (on connect and every snapshot interval), {@code ha-state-changed},
 * {@code peer-changed}, {@code committed}, {@code monitor-changed}, {@code sync-changed}. Each event's data is
 * one JSON object with a {@code type} field equal to the event name.
 */
public final class EventHub implements AutoCloseable {
    /** Transitions carried in a snapshot: enough for the dashboard's timeline. */
    static final int SNAPSHOT_TRANSITIONS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final OpsService ops;
    private final ObjectMapper json;
    private final LongSupplier epochMillis;
    private final long snapshotIntervalMs;
    private final ScheduledExecutorService publisher;
    private final List<SseClient> clients = new ArrayList<>(); // publisher thread only
    private AutoCloseable subscription;

    EventHub(OpsService ops, ObjectMapper json, LongSupplier epochMillis, long snapshotIntervalMs) {
        this.ops = ops;
        this.json = json;
        this.epochMillis = epochMillis;
        this.snapshotIntervalMs = snapshotIntervalMs;
        this.publisher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("mgmt-sse").daemon().factory());
    }

    /** Subscribes to the node's events and starts the periodic snapshots. */
    public void start() {
        subscription = ops.subscribe(event -> onPublisher(() -> broadcast(nameOf(event), dataOf(event))));
        publisher.scheduleAtFixedRate(
                () -> broadcast("snapshot", snapshotJson()),
                snapshotIntervalMs,
                snapshotIntervalMs,
                TimeUnit.MILLISECONDS);
    }

    /** The SSE handler body: keep the stream open and hand it to the publisher thread. */
    void onConnect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> onPublisher(() -> clients.remove(client)));
        onPublisher(() -> {
            clients.add(client);
            send(client, "snapshot", snapshotJson());
        });
    }

    private void onPublisher(Runnable work) {
        try {
            publisher.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: events after close are dropped on purpose
        }
    }

    /** Clients connected now (read on the publisher thread, for tests and logs). */
    public int clientCount() {
        try {
            return publisher.submit(clients::size).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    /** The SSE event name of an ops event; a table in switch form so a new event type fails to compile here. */
    public static String nameOf(OpsEvent event) {
        return switch (event) {
            case OpsEvent.HaStateChanged e -> "ha-state-changed";
            case OpsEvent.PeerChanged e -> "peer-changed";
            case OpsEvent.Committed e -> "committed";
            case OpsEvent.MonitorChanged e -> "monitor-changed";
            case OpsEvent.SyncChanged e -> "sync-changed";
        };
    }

    private String dataOf(OpsEvent event) {
        ObjectNode node = json.createObjectNode().put("type", nameOf(event));
        node.setAll((ObjectNode) json.valueToTree(event));
        return node.toString();
    }

    /** Everything the dashboard's HA widget needs, taken now. */
    Snapshot snapshot() {
        List<HaTransition> transitions = ops.haTransitions();
        int from = Math.max(0, transitions.size() - SNAPSHOT_TRANSITIONS);
        return new Snapshot(
                epochMillis.getAsLong(),
                ops.systemInfo(),
                ops.haStatus(),
                ops.haStateSynchronization(),
                ops.sessionInfo(),
                List.copyOf(transitions.subList(from, transitions.size())));
    }

    private String snapshotJson() {
        try {
            ObjectNode node = json.createObjectNode().put("type", "snapshot");
            node.setAll((ObjectNode) json.valueToTree(snapshot()));
            return json.writeValueAsString(node);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("management events: snapshot failed: {}", e.toString());
            return null;
        }
    }

    private void broadcast(String name, String data) {
        if (data == null) {
            return;
        }
        for (SseClient client : List.copyOf(clients)) {
            send(client, name, data);
        }
    }

    private void send(SseClient client, String name, String data) {
        if (data == null) {
            return;
        }
        if (client.terminated()) {
            clients.remove(client);
            return;
        }
        try {
            client.sendEvent(name, data);
        } catch (RuntimeException e) {
            LOG.debug("management events: dropping a client: {}", e.toString());
            clients.remove(client);
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("management events: unsubscribe failed: {}", e.toString());
            }
        }
        onPublisher(() -> {
            List.copyOf(clients).forEach(SseClient::close);
            clients.clear();
        });
        publisher.shutdown();
        try {
            publisher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
