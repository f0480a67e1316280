package io.palisade.ha.election;

import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaMode;
import java.util.Objects;

/**
 * The content of an HA1 hello: what a node tells its peers about itself. The HA agent encodes the local one
 * ({@link HaStateMachine#localHello()}) and passes decoded peer ones to {@link HaStateMachine#onHello}. A hello
 * is sent every hello interval and at once on any change.
 *
 * @param serial device serial number, the peer's key
 * @param nodeId 8-byte node id standing for the HA1 MAC; the election tie-break (lower wins)
 * @param groupId HA group id
 * @param mode active-passive or active-active
 * @param state the sender's HA state
 * @param priority device priority, lower wins
 * @param preemptive whether the sender has preemption enabled
 * @param deviceId active/active device id (0 or 1); 0 in active/passive
 * @param version software version
 * @param ha2Transport the HA2 transport the sender uses
 * @param bulkSyncComplete whether the sender holds a complete copy of the session state
 */
public record HaHello(
        String serial,
        long nodeId,
        int groupId,
        HaMode mode,
        HaState state,
        int priority,
        boolean preemptive,
        int deviceId,
        SoftwareVersion version,
        Ha2Transport ha2Transport,
        boolean bulkSyncComplete) {
    public HaHello {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(ha2Transport, "ha2Transport");
    }

    /** The same hello in another state. */
    public HaHello withState(HaState newState) {
        return new HaHello(
                serial,
                nodeId,
                groupId,
                mode,
                newState,
                priority,
                preemptive,
                deviceId,
                version,
                ha2Transport,
                bulkSyncComplete);
    }
}
