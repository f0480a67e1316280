package io.palisade.dataplane.nat;

/** The source translation of a NAT rule, immutable; per-worker allocation state lives in {@link NatWorkerState}. */
public sealed interface SourceTranslator {
    /** Many-to-few with port translation: pool addresses times ports 1024-65535. */
    record DynamicIpAndPort(AddressPool pool) implements SourceTranslator {}

    /** Many-to-many without port translation: one pool address per source address while it has sessions. */
    record DynamicIp(AddressPool pool) implements SourceTranslator {}

    /** One-to-one (or many-to-one) static mapping; {@code biDirectional} adds the reverse entry to the NAT table. */
    record StaticIp(StaticMapping mapping, boolean biDirectional) implements SourceTranslator {}
}
