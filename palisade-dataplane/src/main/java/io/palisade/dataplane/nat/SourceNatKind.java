package io.palisade.dataplane.nat;

/** Which source translation produced a result; tells the engine which release call a session end needs. */
public enum SourceNatKind {
    /** No source translation: nothing to release. */
    NONE,
    /** Port from a pool address: release with {@link NatWorkerState#releasePort}. */
    DYNAMIC_IP_AND_PORT,
    /** A pool address bound to the source: release with {@link NatWorkerState#releaseAddress}. */
    DYNAMIC_IP,
    /** Stateless one-to-one or many-to-one mapping: nothing to release. */
    STATIC_IP
}
