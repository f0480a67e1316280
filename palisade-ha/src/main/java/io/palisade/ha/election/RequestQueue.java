package io.palisade.ha.election;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The requests waiting for the HA agent, in order, and the hello and heartbeat schedule: a hello every hello
 * interval and at once on any change, a heartbeat every heartbeat interval. Repeated hello or heartbeat
 * requests coalesce until the agent drains them.
 */
final class RequestQueue {
    private final ArrayDeque<HaRequest> requests = new ArrayDeque<>();
    private final long helloIntervalNs;
    private final long heartbeatIntervalNs;
    private long nextHelloNs = HaStateMachine.NONE;
    private long nextHeartbeatNs = HaStateMachine.NONE;
    private boolean helloQueued;
    private boolean heartbeatQueued;

    RequestQueue(long helloIntervalNs, long heartbeatIntervalNs) {
        this.helloIntervalNs = helloIntervalNs;
        this.heartbeatIntervalNs = heartbeatIntervalNs;
    }

    void add(HaRequest request) {
        requests.add(request);
    }

    void hello(long nowNs) {
        nextHelloNs = nowNs + helloIntervalNs;
        if (!helloQueued) {
            helloQueued = true;
            requests.add(new HaRequest.SendHello());
        }
    }

    void heartbeat(long nowNs) {
        nextHeartbeatNs = nowNs + heartbeatIntervalNs;
        if (!heartbeatQueued) {
            heartbeatQueued = true;
            requests.add(new HaRequest.SendHeartbeat());
        }
    }

    /** Queues the periodic hello and heartbeat when due; returns how many were queued. */
    int schedule(long nowNs) {
        int work = 0;
        if (nowNs >= nextHelloNs) {
            hello(nowNs);
            work++;
        }
        if (nowNs >= nextHeartbeatNs) {
            heartbeat(nowNs);
            work++;
        }
        return work;
    }

    long nextSendNs() {
        return Math.min(nextHelloNs, nextHeartbeatNs);
    }

    int drain(Consumer<? super HaRequest> sink) {
        int n = 0;
        HaRequest r;
        while ((r = requests.poll()) != null) {
            if (r instanceof HaRequest.SendHello) {
                helloQueued = false;
            } else if (r instanceof HaRequest.SendHeartbeat) {
                heartbeatQueued = false;
            }
            sink.accept(r);
            n++;
        }
        return n;
    }

    int size() {
        return requests.size();
    }
}
