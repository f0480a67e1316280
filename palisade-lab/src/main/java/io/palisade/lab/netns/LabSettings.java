package io.palisade.lab.netns;

/**
 * How a namespace lab's firewalls are configured.
 *
 * @param topology the topology
 * @param timerProfile {@code aggressive} (PAN-OS: heartbeat 1000 ms x 3, promotion hold 500 ms) or {@code advanced}
 *     (sub-second: heartbeat 50 ms x 3, promotion hold 50 ms, no monitor hold-up)
 * @param passiveLinkState {@code auto} or {@code shutdown}
 * @param ha2Transport {@code udp} or {@code ethernet} (EtherType 0x7261)
 * @param preemptive fw-a (priority 50) takes the active role back after it recovers
 * @param workers data-plane workers per node (fanout group members per interface)
 * @param denyPort a TCP port the security policy denies (0: none), for policy tests on real traffic
 * @param nat source NAT of the client network behind the outside interface address (layer 3)
 */
public record LabSettings(
        Topology topology,
        String timerProfile,
        String passiveLinkState,
        String ha2Transport,
        boolean preemptive,
        int workers,
        int denyPort,
        boolean nat) {

    /** The demo's lab: layer-3 pair, NAT, preemptive, two workers. */
    public static LabSettings of(Topology topology) {
        return new LabSettings(topology, "aggressive", "auto", "udp", true, 2, 0, true);
    }

    public LabSettings withTimerProfile(String profile) {
        return new LabSettings(topology, profile, passiveLinkState, ha2Transport, preemptive, workers, denyPort, nat);
    }

    public LabSettings withPassiveLinkState(String state) {
        return new LabSettings(topology, timerProfile, state, ha2Transport, preemptive, workers, denyPort, nat);
    }

    public LabSettings withHa2Transport(String transport) {
        return new LabSettings(topology, timerProfile, passiveLinkState, transport, preemptive, workers, denyPort, nat);
    }

    public LabSettings withPreemptive(boolean on) {
        return new LabSettings(topology, timerProfile, passiveLinkState, ha2Transport, on, workers, denyPort, nat);
    }

    public LabSettings withWorkers(int count) {
        return new LabSettings(
                topology, timerProfile, passiveLinkState, ha2Transport, preemptive, count, denyPort, nat);
    }

    public LabSettings withDenyPort(int port) {
        return new LabSettings(topology, timerProfile, passiveLinkState, ha2Transport, preemptive, workers, port, nat);
    }

    public LabSettings withNat(boolean on) {
        return new LabSettings(
                topology, timerProfile, passiveLinkState, ha2Transport, preemptive, workers, denyPort, on);
    }

    /** Heartbeat interval of the profile. */
    public int heartbeatMs() {
        return "advanced".equals(timerProfile) ? 50 : 1000;
    }

    /** Promotion hold time of the profile. */
    public int promotionHoldMs() {
        return "advanced".equals(timerProfile) ? 50 : 500;
    }
}
