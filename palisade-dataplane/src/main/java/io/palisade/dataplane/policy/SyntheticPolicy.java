package io.palisade.dataplane.policy;

import io.palisade.config.ConfigLoader;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.route.Ip;

/**
 * A generated policy for benchmarks ({@code ./palisade bench}): N security rules from zone {@code trust} to zone
 * {@code untrust}, rule {@code i} allowing source {@code 10.<i/256>.<i%256>.0/24} to TCP port {@link
 * #destinationPortOf(int)}, and source NAT (dynamic-ip-and-port) of {@code 10.0.0.0/8} to a pool of {@link
 * #POOL_SIZE} addresses starting at {@link #POOL_FIRST}. The configuration goes through the real loader and validator.
 */
public final class SyntheticPolicy {
    /** First NAT pool address. */
    public static final String POOL_FIRST = "198.18.0.10";
    /** Number of NAT pool addresses. */
    public static final int POOL_SIZE = 16;
    /** Largest supported rule count (distinct /24s under 10.0.0.0/8). */
    public static final int MAX_RULES = 65_536;

    public static final String TRUST = "trust";
    public static final String UNTRUST = "untrust";

    private SyntheticPolicy() {}

    /** The validated configuration with {@code securityRules} rules and one source NAT rule. */
    public static PalisadeConfig config(int securityRules) {
        return config(securityRules, 1);
    }

    /**
     * The validated configuration; NAT rule {@code j < natRules - 1} covers rule {@code j}'s /24, the last one the
     * whole {@code 10.0.0.0/8}, all translating to the same pool.
     */
    public static PalisadeConfig config(int securityRules, int natRules) {
        return ConfigLoader.parse(yaml(securityRules, natRules), "synthetic-" + securityRules)
                .orThrow();
    }

    /** The YAML text of {@link #config(int, int)}. */
    public static String yaml(int securityRules, int natRules) {
        if (securityRules < 1 || securityRules > MAX_RULES || natRules < 1 || natRules > MAX_RULES) {
            throw new IllegalArgumentException("rules must be 1.." + MAX_RULES);
        }
        StringBuilder y = new StringBuilder(256 + securityRules * 160);
        y.append("""
                device:
                  hostname: synthetic
                  management: {api-key: synthetic-key-0001}
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [10.255.255.254/8]}
                  - {name: ethernet1/2, backing: {type: memory}, mode: layer3, addresses: [198.18.0.1/24]}
                zones:
                  - {name: trust, interfaces: [ethernet1/1]}
                  - {name: untrust, interfaces: [ethernet1/2]}
                virtual-router:
                  static-routes:
                    - {name: default, destination: 0.0.0.0/0, interface: ethernet1/2, next-hop: 198.18.0.254}
                services:
                """);
        for (int i = 0; i < securityRules; i++) {
            y.append("  - {name: svc-")
                    .append(i)
                    .append(", protocol: tcp, destination-port: ")
                    .append(destinationPortOf(i))
                    .append("}\n");
        }
        y.append("security-rules:\n");
        for (int i = 0; i < securityRules; i++) {
            y.append("  - {name: rule-")
                    .append(i)
                    .append(", from: [trust], to: [untrust], source: [")
                    .append(subnetOf(i))
                    .append("], service: [svc-")
                    .append(i)
                    .append("], action: allow}\n");
        }
        Ip last = Ip.parse(POOL_FIRST).plus(POOL_SIZE - 1);
        String pool = "[" + POOL_FIRST + "-" + last + "]";
        y.append("nat-rules:\n");
        for (int j = 0; j < natRules; j++) {
            String source = j == natRules - 1 ? "10.0.0.0/8" : subnetOf(j);
            y.append("  - {name: snat-")
                    .append(j)
                    .append(", from: [trust], to: [untrust], source: [")
                    .append(source)
                    .append("], source-translation: {type: dynamic-ip-and-port, translated-addresses: ")
                    .append(pool)
                    .append("}}\n");
        }
        return y.toString();
    }

    /** The source /24 of rule {@code i}. */
    public static String subnetOf(int rule) {
        return "10." + (rule >>> 8 & 0xFF) + "." + (rule & 0xFF) + ".0/24";
    }

    /** A source address that rule {@code i} matches ({@code host} 1..254). */
    public static Ip sourceOf(int rule, int host) {
        return Ip.v4(10L << 24 | (long) (rule >>> 8 & 0xFF) << 16 | (long) (rule & 0xFF) << 8 | (host & 0xFF));
    }

    /** The TCP destination port rule {@code i} allows. */
    public static int destinationPortOf(int rule) {
        return 1024 + rule % 64_000;
    }

    /** A destination outside the firewall (routed to {@code untrust} by the default route). */
    public static Ip destination() {
        return Ip.parse("198.19.0.10");
    }
}
