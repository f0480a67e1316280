package io.palisade.dataplane.policy;

import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.RuleAction;
import io.palisade.config.model.SecurityRule;
import io.palisade.dataplane.nat.NatTable;
import io.palisade.dataplane.route.InterfaceIndex;
import io.palisade.dataplane.route.RouteTable;

/**
 * Everything the session engine's slow path asks of one configuration epoch: zone and interface numbering, the
 * application table, the security and NAT rule matches, the NAT table, User-ID mappings and the configured route
 * table. Built once per commit by {@link #compile}; immutable and shared read-only by all workers. Every match is
 * allocation-free and visits only the rules that share the packet's zone pair, 64 at a time.
 *
 * <p>PAN-OS packet flow (the engine composes it): NAT is matched on the original packet with the ingress zone and
 * the egress zone of the original destination; security is matched with the pre-NAT addresses and the post-NAT
 * destination zone (the zone the translated destination routes to).
 */
public final class CompiledPolicy {
    /** Security match result: no rule matched and the zones are equal (PAN-OS allows intrazone by default). */
    public static final int INTRAZONE_DEFAULT = -1;
    /** Security match result: no rule matched between different zones (PAN-OS denies interzone by default). */
    public static final int INTERZONE_DEFAULT = -2;
    /** NAT match result: no NAT rule matched. */
    public static final int NO_NAT = -1;

    private final PalisadeConfig config;
    private final PolicyContext ctx;
    private final SecurityPolicy security;
    private final NatPolicy nat;
    private final SecurityRuleInfo[] rules;
    private final RouteTable routes;

    private CompiledPolicy(PalisadeConfig config) {
        this.config = config;
        this.ctx = PolicyContext.of(config);
        this.security = SecurityPolicy.compile(ctx);
        this.nat = NatPolicy.compile(ctx);
        this.rules = new SecurityRuleInfo[config.securityRules().size()];
        for (int i = 0; i < rules.length; i++) {
            SecurityRule r = config.securityRules().get(i);
            rules[i] = new SecurityRuleInfo(i, r.name(), r.action(), r.logStart(), r.logEnd());
        }
        this.routes = RouteTable.fromConfig(config, ctx.interfaces());
    }

    /** Compiles a validated configuration. Never throws on a configuration that passed validation. */
    public static CompiledPolicy compile(PalisadeConfig config) {
        return new CompiledPolicy(config);
    }

    public PalisadeConfig config() {
        return config;
    }

    /** Interface and zone numbering (zone id = index in zones, interface id = index in interfaces, then aggregates). */
    public InterfaceIndex interfaces() {
        return ctx.interfaces();
    }

    /** The zone id of a name, or -1. */
    public int zoneId(String name) {
        return ctx.interfaces().zoneId(name);
    }

    /** The interface id of a name, or -1. */
    public int interfaceId(String name) {
        return ctx.interfaces().id(name);
    }

    /** The zone of an interface id, or -1. */
    public int zoneOfInterface(int interfaceId) {
        return ctx.interfaces().zoneOf(interfaceId);
    }

    /** The effective application table. */
    public ApplicationTable applications() {
        return ctx.apps();
    }

    /** Identifies a new session's application by protocol and destination port (ICMP: the ICMP type). */
    public int identifyApplication(int protocol, int dstPort) {
        return ctx.apps().identify(protocol, dstPort);
    }

    /** The user statically mapped to an address by User-ID configuration, or null (unknown user). */
    public String userOf(int ipVersion, long hi, long lo) {
        return ctx.users().userOf(ipVersion, hi, lo);
    }

    /** The route table of the configuration (connected and static routes); learned routes build on it. */
    public RouteTable routes() {
        return routes;
    }

    /**
     * The first enabled security rule matching a new session, top-down, or {@link #INTRAZONE_DEFAULT} / {@link
     * #INTERZONE_DEFAULT}. Rules constraining source ports never match through this overload (the source port is
     * unknown); use the overload with {@code srcPort} when services may name source ports.
     */
    public int matchSecurity(
            int srcZone,
            int dstZone,
            int ipVersion,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int protocol,
            int dstPort,
            int appId,
            String user) {
        return matchSecurity(
                srcZone, dstZone, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, -1, dstPort, appId, user);
    }

    /**
     * The first enabled security rule matching a new session, with its source port.
     *
     * @param srcZone ingress zone id
     * @param dstZone post-NAT destination zone id
     * @param srcHi pre-NAT source address (with srcLo, ipVersion)
     * @param dstHi pre-NAT destination address (with dstLo)
     * @param srcPort source port, or -1 if unknown
     * @param appId application id from {@link #identifyApplication}
     * @param user the source user, or null for an unknown user
     * @return a rule index in {@code config.securityRules()}, or a default-rule sentinel
     */
    public int matchSecurity(
            int srcZone,
            int dstZone,
            int ipVersion,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int protocol,
            int srcPort,
            int dstPort,
            int appId,
            String user) {
        // An unknown zone (-1) never counts as "the same zone": unclassified traffic gets the deny default.
        int fallback = srcZone == dstZone && srcZone >= 0 ? INTRAZONE_DEFAULT : INTERZONE_DEFAULT;
        return security.match(
                fallback, srcZone, dstZone, ipVersion, srcHi, srcLo, dstHi, dstLo, protocol, srcPort, dstPort, appId,
                user);
    }

    /** A matched security rule (or default rule) for counters and logs. */
    public SecurityRuleInfo securityRule(int index) {
        return index == INTRAZONE_DEFAULT
                ? SecurityRuleInfo.INTRAZONE
                : index == INTERZONE_DEFAULT ? SecurityRuleInfo.INTERZONE : rules[index];
    }

    public String ruleName(int index) {
        return securityRule(index).name();
    }

    public RuleAction ruleAction(int index) {
        return securityRule(index).action();
    }

    public boolean logStart(int index) {
        return securityRule(index).logStart();
    }

    public boolean logEnd(int index) {
        return securityRule(index).logEnd();
    }

    /**
     * The first enabled NAT entry matching a new session's original packet, or {@link #NO_NAT}. Rules constraining
     * source ports never match through this overload.
     *
     * @param srcZone ingress zone id
     * @param dstZone egress zone of the original destination
     * @param ownerDeviceId session owner in active/active (0 or 1), or -1 outside active/active (all rules apply)
     * @param ownerIsPrimary whether the session owner is the active-primary device (rules bound to "primary")
     * @return an entry id of {@link #natTable()}
     */
    public int matchNat(
            int srcZone,
            int dstZone,
            int ipVersion,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int protocol,
            int dstPort,
            int ownerDeviceId,
            boolean ownerIsPrimary) {
        return nat.match(
                srcZone,
                dstZone,
                ipVersion,
                srcHi,
                srcLo,
                dstHi,
                dstLo,
                protocol,
                -1,
                dstPort,
                ownerDeviceId,
                ownerIsPrimary);
    }

    /** {@link #matchNat} with the source port, for NAT rules whose service names source ports. */
    public int matchNat(
            int srcZone,
            int dstZone,
            int ipVersion,
            long srcHi,
            long srcLo,
            long dstHi,
            long dstLo,
            int protocol,
            int srcPort,
            int dstPort,
            int ownerDeviceId,
            boolean ownerIsPrimary) {
        return nat.match(
                srcZone,
                dstZone,
                ipVersion,
                srcHi,
                srcLo,
                dstHi,
                dstLo,
                protocol,
                srcPort,
                dstPort,
                ownerDeviceId,
                ownerIsPrimary);
    }

    /** The NAT entries {@link #matchNat} indexes; per-worker allocation lives in a {@code NatWorkerState}. */
    public NatTable natTable() {
        return nat.table();
    }

    /** Size figures of the compiled structures (benchmarks report them next to their results). */
    public Stats stats() {
        return new Stats(
                config.securityRules().size(), security.entries(), security.bytes(), nat.entries(), nat.bytes());
    }

    /**
     * Size figures of a compiled policy.
     *
     * @param securityRules configured security rules
     * @param securityEntries classifier entries (enabled rules, plus one per extra source-port service)
     * @param securityBytes heap bytes of the security classifier arrays
     * @param natEntries NAT classifier entries
     * @param natBytes heap bytes of the NAT classifier arrays
     */
    public record Stats(int securityRules, int securityEntries, long securityBytes, int natEntries, long natBytes) {}
}
