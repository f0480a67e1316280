package io.palisade.dataplane.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but valid policies for the differential test: addresses, groups, services with ports and source ports,
 * users and groups, security and NAT rules over a small address and port space so that rules overlap a lot.
 */
final class RandomPolicy {
    static final List<String> ZONES = List.of("trust", "untrust", "dmz");
    static final List<String> APPS = List.of("ssh", "dns", "web-browsing", "ssl", "app-x", "ping");
    static final List<String> USERS = List.of("u0", "u1", "u2", "u3");

    private static final String AA = """
            high-availability:
              enabled: true
              mode: active-active
              device-id: 0
              ha1: {local: 127.0.0.1:28769, peer: 127.0.0.1:28779}
              ha1-encryption: {enabled: false}
              ha2: {local: 127.0.0.1:29281, peer: 127.0.0.1:29291}
              ha3: {local: 127.0.0.1:29381, peer: 127.0.0.1:29391}
            """;

    private final Random r;
    private final boolean activeActive;
    private final List<String> addressNames = new ArrayList<>();
    private final List<String> serviceNames = new ArrayList<>();

    RandomPolicy(long seed, boolean activeActive) {
        this.r = new Random(seed);
        this.activeActive = activeActive;
    }

    String yaml(int securityRules, int natRules) {
        StringBuilder y = new StringBuilder(activeActive ? AA : "");
        y.append("applications:\n  - {name: app-x, default-ports: ['tcp/30-35', 'udp/31']}\n");
        addresses(y);
        services(y);
        y.append("""
                user-id:
                  groups:
                    - {name: ug0, members: [u0, u1]}
                    - {name: ug1, members: [ug0, u2]}
                """);
        y.append("security-rules:\n");
        for (int i = 0; i < securityRules; i++) {
            securityRule(y, i);
        }
        if (natRules > 0) {
            y.append("nat-rules:\n");
            for (int i = 0; i < natRules; i++) {
                natRule(y, i);
            }
        }
        return y.toString();
    }

    private void addresses(StringBuilder y) {
        y.append("addresses:\n");
        for (int i = 0; i < 8; i++) {
            String name = "a" + i;
            addressNames.add(name);
            String value = literal();
            String key = value.contains("-") ? "ip-range" : "ip-netmask";
            y.append("  - {name: ")
                    .append(name)
                    .append(", ")
                    .append(key)
                    .append(": '")
                    .append(value)
                    .append("'}\n");
        }
        y.append("address-groups:\n");
        y.append("  - {name: g0, members: [").append(pick(addressNames, 1, 3)).append("]}\n");
        y.append("  - {name: g1, members: [g0, ")
                .append(pick(addressNames, 1, 2))
                .append("]}\n");
        addressNames.add("g0");
        addressNames.add("g1");
    }

    /** A literal prefix or range in 10.0.0.0/22 or 2001:db8::/120. */
    String literal() {
        boolean six = r.nextInt(4) == 0;
        int kind = r.nextInt(3);
        if (kind == 0) {
            int a = r.nextInt(six ? 256 : 1024);
            int b = Math.min((six ? 255 : 1023), a + r.nextInt(40));
            return six
                    ? "2001:db8::" + Integer.toHexString(a) + "-2001:db8::" + Integer.toHexString(b)
                    : v4(a) + "-" + v4(b);
        }
        int len = six ? 120 + r.nextInt(9) : 22 + r.nextInt(11);
        return six ? "2001:db8::" + Integer.toHexString(r.nextInt(256)) + "/" + len : v4(r.nextInt(1024)) + "/" + len;
    }

    static String v4(int offset) {
        return "10.0." + (offset >> 8) + "." + (offset & 0xFF);
    }

    private void services(StringBuilder y) {
        y.append("services:\n");
        for (int i = 0; i < 6; i++) {
            String name = "s" + i;
            serviceNames.add(name);
            int first = 1 + r.nextInt(45);
            int last = first + r.nextInt(10);
            y.append("  - {name: ")
                    .append(name)
                    .append(", protocol: ")
                    .append(r.nextBoolean() ? "tcp" : "udp")
                    .append(", destination-port: '")
                    .append(r.nextInt(4) == 0 ? first + "-" + last + "," + (first + 50) : first + "-" + last)
                    .append("'");
            if (r.nextInt(3) == 0) {
                int s = 1000 + r.nextInt(8);
                y.append(", source-port: '")
                        .append(s)
                        .append("-")
                        .append(s + r.nextInt(5))
                        .append("'");
            }
            y.append("}\n");
        }
        y.append("service-groups:\n");
        y.append("  - {name: sg0, members: [").append(pick(serviceNames, 1, 3)).append("]}\n");
        y.append("  - {name: sg1, members: [sg0, ")
                .append(pick(serviceNames, 1, 2))
                .append("]}\n");
        serviceNames.add("sg0");
        serviceNames.add("sg1");
    }

    private void securityRule(StringBuilder y, int i) {
        y.append("  - {name: r").append(i);
        y.append(", from: [").append(zones()).append("], to: [").append(zones()).append("]");
        addressList(y, "source", "negate-source");
        addressList(y, "destination", "negate-destination");
        int users = r.nextInt(10);
        String user = users < 4
                ? "any"
                : users == 4
                        ? "known-user"
                        : users == 5 ? "unknown" : pick(List.of("u0", "u1", "u2", "u3", "ug0", "ug1"), 1, 2);
        y.append(", source-user: [").append(user).append("]");
        y.append(", application: [")
                .append(r.nextBoolean() ? "any" : pick(APPS, 1, 2))
                .append("]");
        int svc = r.nextInt(10);
        String service = svc < 3 ? "any" : svc < 6 ? "application-default" : pick(serviceNames, 1, 2);
        y.append(", service: [").append(service).append("]");
        y.append(", action: ")
                .append(List.of("allow", "deny", "drop", "reset-client").get(r.nextInt(4)));
        if (r.nextInt(10) == 0) {
            y.append(", disabled: true");
        }
        y.append("}\n");
    }

    private void addressList(StringBuilder y, String key, String negateKey) {
        if (r.nextInt(3) == 0) {
            return;
        }
        List<String> refs = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            refs.add(r.nextBoolean() ? addressNames.get(r.nextInt(addressNames.size())) : "'" + literal() + "'");
        }
        y.append(", ").append(key).append(": [").append(String.join(", ", refs)).append("]");
        if (r.nextInt(5) == 0) {
            y.append(", ").append(negateKey).append(": true");
        }
    }

    private void natRule(StringBuilder y, int i) {
        y.append("  - {name: n").append(i);
        y.append(", from: [").append(zones()).append("], to: [").append(zones()).append("]");
        if (r.nextBoolean()) {
            y.append(", source: ['").append(literal()).append("']");
        }
        if (r.nextInt(3) == 0) {
            y.append(", destination: [")
                    .append(addressNames.get(r.nextInt(addressNames.size())))
                    .append("]");
        }
        if (r.nextInt(3) == 0) {
            y.append(", service: ").append(serviceNames.get(r.nextInt(serviceNames.size())));
        }
        int kind = r.nextInt(3);
        if (kind == 0) {
            y.append(", source-translation: {type: dynamic-ip-and-port, translated-addresses: [10.0.9.1]}");
            binding(y, List.of("'0'", "'1'"), false);
        } else if (kind == 1) {
            y.append(", source-translation: {type: static-ip, translated-addresses: ['")
                    .append(v4(r.nextInt(64) * 16))
                    .append("/28']")
                    .append(r.nextBoolean() ? ", bi-directional: true}" : "}");
            binding(y, List.of("'0'", "'1'", "both", "primary"), false);
        } else {
            y.append(", destination-translation: {translated-address: 10.0.7.5}");
            binding(y, List.of("'0'", "'1'", "both", "primary"), true);
        }
        if (r.nextInt(10) == 0) {
            y.append(", disabled: true");
        }
        y.append("}\n");
    }

    private void binding(StringBuilder y, List<String> choices, boolean optional) {
        if (!activeActive || optional && r.nextBoolean()) {
            return;
        }
        y.append(", active-active-device-binding: ").append(choices.get(r.nextInt(choices.size())));
    }

    private String zones() {
        return r.nextInt(3) == 0 ? "any" : pick(ZONES, 1, 2);
    }

    private String pick(List<String> from, int min, int max) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, r);
        return String.join(", ", copy.subList(0, Math.min(copy.size(), min + r.nextInt(max - min + 1))));
    }
}
