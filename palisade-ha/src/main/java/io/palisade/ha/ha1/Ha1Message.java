package io.palisade.ha.ha1;

import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.HaTimers;
import io.palisade.config.model.TimerProfile;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The HA1 control messages. Each record has a stable one-byte {@link #type() type id}; the wire layout of each
 * lives in {@link Ha1Codec}. Type ids 0x20..0x2f are reserved for election messages (for example a preempt
 * request) should the hello ever stop being enough.
 */
public sealed interface Ha1Message {

    /** The wire type id of this message. */
    int type();

    /**
     * Sent every hello interval and on any change of what it carries: everything the peer's election and
     * compatibility checks need. Type 0x01.
     *
     * @param groupId HA group id (1..63 in PAN-OS; any byte on the wire)
     * @param mode active-passive or active-active
     * @param deviceId active/active device id, or null when not set
     * @param nodeSerial the node's serial number
     * @param nodeId HA1 MAC-like tiebreak: equal priorities elect the lower value, compared unsigned
     * @param softwareVersion Palisade version string
     * @param state current HA state
     * @param stateReason why the node is in that state (PAN-OS wording)
     * @param devicePriority 0..255, lower wins
     * @param preemptive preemption is enabled on this node
     * @param timers the node's effective HA timers
     * @param ha2Transport the HA2 transport, or null when session synchronisation is off
     * @param runningConfigDigest digest of the shared part of the running configuration
     * @param bulkSyncComplete this node has applied a full session bulk sync from its peer
     * @param linkMonitorFailed link monitoring reports a failure
     * @param pathMonitorFailed path monitoring reports a failure
     * @param wantsPreempt this node would preempt once its preemption hold time has passed
     * @param preemptionFlaps flaps counted towards a preemption loop
     * @param nonFunctionalFlaps flaps counted towards a non-functional loop
     */
    record Hello(
            int groupId,
            HaMode mode,
            Integer deviceId,
            String nodeSerial,
            long nodeId,
            String softwareVersion,
            HaWireState state,
            String stateReason,
            int devicePriority,
            boolean preemptive,
            TimerSummary timers,
            Ha2Transport ha2Transport,
            ConfigDigest runningConfigDigest,
            boolean bulkSyncComplete,
            boolean linkMonitorFailed,
            boolean pathMonitorFailed,
            boolean wantsPreempt,
            int preemptionFlaps,
            int nonFunctionalFlaps)
            implements Ha1Message {
        public static final int TYPE = 0x01;

        public Hello {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(nodeSerial, "nodeSerial");
            Objects.requireNonNull(softwareVersion, "softwareVersion");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(stateReason, "stateReason");
            Objects.requireNonNull(timers, "timers");
            Objects.requireNonNull(runningConfigDigest, "runningConfigDigest");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * Liveness probe sent every heartbeat interval. It echoes the last heartbeat received from the peer so the
     * peer can measure the round trip on its own clock: {@code rtt = receivedNs - echoSenderNs - echoHoldNs}.
     * Type 0x02.
     *
     * @param sequence increases by one per heartbeat from this sender
     * @param senderNs the sender's monotonic clock when sending
     * @param echoSequence sequence of the last heartbeat received from the peer, 0 when none yet
     * @param echoSenderNs the {@code senderNs} of that heartbeat (the peer's own clock)
     * @param echoHoldNs how long this sender held that heartbeat before this one echoed it
     */
    record Heartbeat(long sequence, long senderNs, long echoSequence, long echoSenderNs, long echoHoldNs)
            implements Ha1Message {
        public static final int TYPE = 0x02;

        @Override
        public int type() {
            return TYPE;
        }

        /** Whether this heartbeat echoes one of ours. */
        public boolean hasEcho() {
            return echoSequence != 0;
        }

        /**
         * Round-trip time of the echoed heartbeat, measured on the receiver's clock.
         *
         * @param receivedNs when this heartbeat arrived, on the same clock that stamped our heartbeat
         */
        public long roundTripNs(long receivedNs) {
            if (!hasEcho()) {
                throw new IllegalStateException("heartbeat " + sequence + " echoes nothing");
            }
            return receivedNs - echoSenderNs - echoHoldNs;
        }
    }

    /**
     * Announces a state transition at once, without waiting for the next hello. Type 0x03.
     *
     * @param previous the state left
     * @param state the state entered
     * @param reason PAN-OS style reason, e.g. {@code Preemption loop detected}
     * @param atEpochMs wall-clock time of the transition, for timelines (monotonic clocks differ per node)
     */
    record StateChange(HaWireState previous, HaWireState state, String reason, long atEpochMs) implements Ha1Message {
        public static final int TYPE = 0x03;

        public StateChange {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * Graceful shutdown: the peer should take over at once instead of waiting for heartbeats to time out
     * (keepalived's priority 0). Type 0x04.
     *
     * @param reason why this node leaves, for the peer's log
     */
    record Goodbye(String reason) implements Ha1Message {
        public static final int TYPE = 0x04;

        public Goodbye {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * Ordered preemption, step 1: the preferred node, passive for at least the preemption hold time, asks the
     * active peer to step down, so there is never a moment with two actives. Type 0x20.
     *
     * @param serial the requesting node
     */
    record PreemptRequest(String serial) implements Ha1Message {
        public static final int TYPE = 0x20;

        public PreemptRequest {
            Objects.requireNonNull(serial, "serial");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * Ordered preemption, step 2: the active node has released traffic and moved to passive; the requester may
     * take over. Type 0x21.
     *
     * @param serial the node that stepped down
     */
    record StepDownAck(String serial) implements Ha1Message {
        public static final int TYPE = 0x21;

        public StepDownAck {
            Objects.requireNonNull(serial, "serial");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * A committed configuration pushed to the peer (the shared part; HA-local settings stay out). Type 0x10.
     *
     * @param configVersion sender's commit version
     * @param digest digest of {@code yaml}
     * @param yaml the configuration text
     */
    record ConfigSync(long configVersion, ConfigDigest digest, String yaml) implements Ha1Message {
        public static final int TYPE = 0x10;

        public ConfigSync {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(yaml, "yaml");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * The answer to a {@link ConfigSync}. Type 0x11.
     *
     * @param configVersion the version it answers
     * @param accepted the peer committed it
     * @param message why not, or a short confirmation
     */
    record ConfigSyncResult(long configVersion, boolean accepted, String message) implements Ha1Message {
        public static final int TYPE = 0x11;

        public ConfigSyncResult {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * Asks the peer to push its running configuration to this node (it answers with a {@link ConfigSync}).
     * Type 0x12.
     *
     * @param requestId chosen by the requester, for its log
     * @param reason why, e.g. {@code digest mismatch after join}
     */
    record SyncToRemoteRequest(long requestId, String reason) implements Ha1Message {
        public static final int TYPE = 0x12;

        public SyncToRemoteRequest {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * User-ID (IP to user) mappings. A full sync replaces the peer's table and carries no removals; a delta
     * adds or replaces {@code mappings} and removes {@code removed}. Type 0x18.
     *
     * @param full this is the whole table
     * @param sequence increases per sync from this sender, so the peer can notice a missed delta
     * @param mappings added or replaced mappings
     * @param removed addresses whose mapping is gone (delta only)
     */
    record UserIdSync(boolean full, long sequence, List<UserIdMapping> mappings, List<InetAddress> removed)
            implements Ha1Message {
        public static final int TYPE = 0x18;

        public UserIdSync {
            mappings = List.copyOf(mappings);
            removed = List.copyOf(removed);
            if (full && !removed.isEmpty()) {
                throw new IllegalArgumentException("a full User-ID sync carries no removals");
            }
        }

        @Override
        public int type() {
            return TYPE;
        }
    }

    /**
     * One User-ID mapping.
     *
     * @param ip the user's address
     * @param user the user name, e.g. {@code corp\alice}
     */
    record UserIdMapping(InetAddress ip, String user) {
        public UserIdMapping {
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * The timers a node runs with, sent in hellos so peers can flag a mismatch.
     *
     * @param profile recommended, aggressive or advanced
     * @param promotionHoldTimeMs promotion hold time
     * @param helloIntervalMs hello interval
     * @param heartbeatIntervalMs heartbeat interval
     * @param heartbeatMissThreshold heartbeats missed before the peer is declared failed
     * @param flapMax flaps before suspension
     * @param preemptionHoldTimeMs preemption hold time
     * @param monitorFailHoldUpTimeMs monitor fail hold up time
     * @param additionalMasterHoldUpTimeMs additional master hold up time
     */
    record TimerSummary(
            TimerProfile profile,
            long promotionHoldTimeMs,
            long helloIntervalMs,
            long heartbeatIntervalMs,
            int heartbeatMissThreshold,
            int flapMax,
            long preemptionHoldTimeMs,
            long monitorFailHoldUpTimeMs,
            long additionalMasterHoldUpTimeMs) {
        public TimerSummary {
            Objects.requireNonNull(profile, "profile");
        }

        /** The summary of resolved configuration timers. */
        public static TimerSummary of(TimerProfile profile, HaTimers.Resolved timers) {
            return new TimerSummary(
                    profile,
                    timers.promotionHoldTimeMs(),
                    timers.helloIntervalMs(),
                    timers.heartbeatIntervalMs(),
                    timers.heartbeatMissThreshold(),
                    timers.flapMax(),
                    timers.preemptionHoldTimeMs(),
                    timers.monitorFailHoldUpTimeMs(),
                    timers.additionalMasterHoldUpTimeMs());
        }
    }
}
