package io.palisade.ha.election;

import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.HaTimers;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Everything the state machine needs to know about this node and its timers, resolved from {@link HaConfig}
 * and the device identity. Durations are milliseconds here; the machine converts them once.
 *
 * @param groupId HA group id
 * @param mode active-passive or active-active
 * @param serial this device's serial number
 * @param nodeId 8-byte node id standing for the HA1 MAC (election tie-break, lower wins, compared unsigned)
 * @param version this node's software version
 * @param deviceId active/active device id (0 or 1); 0 in active/passive
 * @param devicePriority 0..255, lower wins
 * @param preemptive preemption enabled on this node
 * @param timers effective HA timers ({@link HaTimers#resolve()})
 * @param peerNegotiationTimeoutMs how long the initial state waits for a peer
 * @param monitorFailHoldDownMs how long a node stays non-functional after a monitor or data-plane failure
 * @param tentativeHoldMs active/active: time in tentative after the failure clears
 * @param ha2Transport HA2 transport, compared with the peer's
 * @param historyCapacity transitions kept in memory
 */
public record HaMachineConfig(
        int groupId,
        HaMode mode,
        String serial,
        long nodeId,
        SoftwareVersion version,
        int deviceId,
        int devicePriority,
        boolean preemptive,
        HaTimers.Resolved timers,
        long peerNegotiationTimeoutMs,
        long monitorFailHoldDownMs,
        long tentativeHoldMs,
        Ha2Transport ha2Transport,
        int historyCapacity) {

    /** PAN-OS flap window: a flap is leaving active within this time after last leaving it. */
    public static final long FLAP_WINDOW_MS = TimeUnit.MINUTES.toMillis(15);

    /** Transitions kept by default. */
    public static final int DEFAULT_HISTORY_CAPACITY = 64;

    public HaMachineConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(ha2Transport, "ha2Transport");
        if (historyCapacity < 1) {
            throw new IllegalArgumentException("historyCapacity must be positive");
        }
    }

    /** Resolves the HA block of a configuration for the device {@code serial} with HA1 MAC {@code nodeId}. */
    public static HaMachineConfig from(HaConfig ha, String serial, long nodeId, SoftwareVersion version) {
        HaConfig.Election election = ha.election();
        HaConfig.ActivePassive ap = ha.activePassive();
        HaConfig.ActiveActive aa = ha.activeActive();
        HaConfig.StateSynchronization sync = ha.stateSynchronization();
        Builder b =
                builder(serial, nodeId).version(version).groupId(ha.groupId()).mode(ha.mode());
        b.deviceId(ha.deviceId() != null ? ha.deviceId() : 0);
        if (election != null) {
            b.priority(election.devicePriority())
                    .preemptive(election.preemptive())
                    .peerNegotiationTimeoutMs(election.peerNegotiationTimeoutMs());
            if (election.timers() != null) {
                b.timers(election.timers().resolve());
            }
        }
        if (ap != null) {
            b.monitorFailHoldDownMs(
                    ap.monitorFailHoldDownTimeMs() != null
                            ? ap.monitorFailHoldDownTimeMs()
                            : TimeUnit.MINUTES.toMillis(ap.monitorFailHoldDownTimeMin()));
        }
        if (aa != null) {
            b.tentativeHoldMs(TimeUnit.SECONDS.toMillis(aa.tentativeHoldTimeS()));
        }
        if (sync != null && sync.transport() != null) {
            b.ha2Transport(sync.transport());
        }
        return b.build();
    }

    /** A builder with PAN-OS defaults (recommended timers, priority 100, no preemption). */
    public static Builder builder(String serial, long nodeId) {
        return new Builder(serial, nodeId);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(serial, nodeId)
                .groupId(groupId)
                .mode(mode)
                .version(version)
                .deviceId(deviceId)
                .priority(devicePriority)
                .preemptive(preemptive)
                .timers(timers)
                .peerNegotiationTimeoutMs(peerNegotiationTimeoutMs)
                .monitorFailHoldDownMs(monitorFailHoldDownMs)
                .tentativeHoldMs(tentativeHoldMs)
                .ha2Transport(ha2Transport)
                .historyCapacity(historyCapacity);
    }

    /** Builds a {@link HaMachineConfig}; used by {@link #from} and by tests. */
    public static final class Builder {
        private final String serial;
        private final long nodeId;
        private int groupId = 1;
        private HaMode mode = HaMode.ACTIVE_PASSIVE;
        private SoftwareVersion version = new SoftwareVersion(0, 1, 0);
        private int deviceId;
        private int priority = 100;
        private boolean preemptive;
        private HaTimers.Resolved timers = HaTimers.RECOMMENDED;
        private long peerNegotiationTimeoutMs = 60_000;
        private long monitorFailHoldDownMs = 60_000;
        private long tentativeHoldMs = 60_000;
        private Ha2Transport ha2Transport = Ha2Transport.UDP;
        private int historyCapacity = DEFAULT_HISTORY_CAPACITY;

        private Builder(String serial, long nodeId) {
            this.serial = serial;
            this.nodeId = nodeId;
        }

        public Builder groupId(int value) {
            groupId = value;
            return this;
        }

        public Builder mode(HaMode value) {
            mode = value;
            return this;
        }

        public Builder version(SoftwareVersion value) {
            version = value;
            return this;
        }

        public Builder deviceId(int value) {
            deviceId = value;
            return this;
        }

        public Builder priority(int value) {
            priority = value;
            return this;
        }

        public Builder preemptive(boolean value) {
            preemptive = value;
            return this;
        }

        public Builder timers(HaTimers.Resolved value) {
            timers = value;
            return this;
        }

        public Builder peerNegotiationTimeoutMs(long value) {
            peerNegotiationTimeoutMs = value;
            return this;
        }

        public Builder monitorFailHoldDownMs(long value) {
            monitorFailHoldDownMs = value;
            return this;
        }

        public Builder tentativeHoldMs(long value) {
            tentativeHoldMs = value;
            return this;
        }

        public Builder ha2Transport(Ha2Transport value) {
            ha2Transport = value;
            return this;
        }

        public Builder historyCapacity(int value) {
            historyCapacity = value;
            return this;
        }

        public HaMachineConfig build() {
            return new HaMachineConfig(
                    groupId,
                    mode,
                    serial,
                    nodeId,
                    version,
                    deviceId,
                    priority,
                    preemptive,
                    timers,
                    peerNegotiationTimeoutMs,
                    monitorFailHoldDownMs,
                    tentativeHoldMs,
                    ha2Transport,
                    historyCapacity);
        }
    }
}
