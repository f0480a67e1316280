package io.palisade.config;

import java.util.ArrayList;
import java.util.List;

/** The catalogue of validation rules, one YAML document each (the rules are listed in docs/design/config.md). */
final class ValidationCases {
    static final String DEVICE = """
            device:
              hostname: fw-t
              management: {api-key: test-key-0001}
            """;

    static final String L3 = """
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [198.18.0.1/24]}
              - {name: ethernet1/2, backing: {type: memory}, mode: layer3, addresses: [198.18.1.1/24]}
            zones:
              - {name: trust, interfaces: [ethernet1/1]}
              - {name: untrust, interfaces: [ethernet1/2]}
            """;

    /** A valid enabled HA block, to which a case appends keys. */
    static final String HA = """
            high-availability:
              enabled: true
              ha1: {local: 127.0.0.1:28769, peer: 127.0.0.1:28779}
              ha1-encryption: {enabled: false}
              ha2: {local: 127.0.0.1:29281, peer: 127.0.0.1:29291}
            """;

    private ValidationCases() {}

    private static final List<ValidationCase> CASES = new ArrayList<>();

    private static void c(String name, String body, String path, String message) {
        CASES.add(new ValidationCase(name, DEVICE + body, path, message));
    }

    static List<ValidationCase> all() {
        if (CASES.isEmpty()) {
            binding();
            device();
            network();
            objects();
            policy();
            ha();
        }
        return CASES;
    }

    private static void binding() {
        c("unknown key with hint", L3 + "sesion: {} #<\n", "sesion", "unknown key 'sesion' (did you mean 'session'?)");
        c(
                "unknown nested key",
                "session:\n  tcp-reject-non-sin: true #<\n",
                "session.tcp-reject-non-sin",
                "did you mean 'tcp-reject-non-syn'?");
        c(
                "number expected",
                L3 + "session: {capacity: lots} #<\n",
                "session.capacity",
                "expected a whole number, got 'lots'");
        c(
                "boolean expected",
                L3 + "session: {tcp-reject-non-syn: maybe} #<\n",
                "session.tcp-reject-non-syn",
                "expected true or false");
        c("list expected", L3 + "security-rules: {name: x} #<\n", "security-rules", "expected a list");
        c("block expected", L3 + "session: fast #<\n", "session", "expected a block of settings");
        c(
                "enum with hint",
                """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer-3} #<
                """,
                "interfaces[0].mode",
                "'layer-3' is not one of virtual-wire, layer3 (did you mean 'layer3'?)");
        c("missing required key", """
                interfaces:
                  - {name: ethernet1/1, mode: layer3} #<
                """, "interfaces[0]", "missing required key 'backing'");
        c(
                "key given twice",
                L3 + "session:\n  capacity: 2048\n  capacity: 4096 #<\n",
                "session.capacity",
                "key 'capacity' is given twice");
        c(
                "backing without type",
                """
                interfaces:
                  - {name: ethernet1/1, backing: {link: x}, mode: layer3} #<
                """,
                "interfaces[0].backing",
                "missing 'type' (one of af-packet, pcap, memory, udp-tunnel)");
        c("unknown backing type", """
                interfaces:
                  - {name: ethernet1/1, backing: {type: af-packt, link: x}, mode: layer3} #<
                """, "interfaces[0].backing.type", "did you mean 'af-packet'?");
        c("bad IP prefix", """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [198.18.0.1/33]} #<
                """, "interfaces[0].addresses[0]", "prefix length 33 is outside 0..32");
        c(
                "not an IP address",
                L3 + "addresses:\n  - {name: a, ip-netmask: 198.18.0.256} #<\n",
                "addresses[0].ip-netmask",
                "'198.18.0.256' is not an IP address");
        c(
                "bad port range",
                L3 + "services:\n  - {name: s, protocol: tcp, destination-port: 90-80} #<\n",
                "services[0].destination-port",
                "outside 0..65535 or reversed");
        c("unknown top-level key", L3 + "zone: [] #<\n", "zone", "unknown key 'zone' (did you mean 'zones'?)");
        c(
                "IPv6 host:port needs brackets",
                L3 + "high-availability:\n  ha1: {local: '::1:28769', peer: '[::1]:1'} #<\n",
                "high-availability.ha1.local",
                "write IPv6 addresses as [addr]:port");
        c(
                "bad app port",
                L3 + "applications:\n  - {name: x, default-ports: [tcp]} #<\n",
                "applications[0].default-ports[0]",
                "'tcp' needs ports");
    }

    private static void device() {
        CASES.add(new ValidationCase(
                "bad hostname", """
                device:
                  hostname: fw_t! #<
                  management: {api-key: test-key-0001}
                """ + L3, "device.hostname", "hostname 'fw_t!' must be 1 to 63 letters"));
        CASES.add(new ValidationCase("no api key", """
                device: #<
                  hostname: fw-t
                """ + L3, "device.management", "set api-key or api-key-file"));
        CASES.add(new ValidationCase(
                "api key and file",
                """
                device:
                  hostname: fw-t
                  management: {api-key: test-key-0001, api-key-file: k.txt} #<
                """ + L3,
                "device.management.api-key-file",
                "set either api-key or api-key-file, not both"));
        CASES.add(new ValidationCase("short api key", """
                device:
                  hostname: fw-t
                  management: {api-key: short} #<
                """ + L3, "device.management.api-key", "at least 8 characters"));
        CASES.add(new ValidationCase("workers range", """
                device:
                  hostname: fw-t
                  workers: 999 #<
                  management: {api-key: test-key-0001}
                """ + L3, "device.workers", "workers 999 is outside 0..256"));
        CASES.add(new ValidationCase("log size range", """
                device:
                  hostname: fw-t
                  management: {api-key: test-key-0001}
                  logging: {max-file-size-mb: 0} #<
                """ + L3, "device.logging.max-file-size-mb", "outside 1..1024"));
        CASES.add(new ValidationCase(
                "request size range", """
                device:
                  hostname: fw-t
                  management: {api-key: test-key-0001, max-request-bytes: 10} #<
                """ + L3, "device.management.max-request-bytes", "outside 1024.."));
        c("session capacity range", L3 + "session: {capacity: 10} #<\n", "session.capacity", "outside 1024..");
        c(
                "session timeout range",
                L3 + "session:\n  timeouts: {tcp-time-wait: 601} #<\n",
                "session.timeouts.tcp-time-wait",
                "tcp-time-wait timeout (s) 601 is outside 1..600");
        c("scan timeout range", L3 + "session:\n  timeouts: {scan: 2} #<\n", "session.timeouts.scan", "outside 5..30");
    }

    private static void network() {
        c(
                "duplicate interface",
                """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3}
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3} #<
                zones: [{name: z, interfaces: [ethernet1/1]}]
                """,
                "interfaces[1].name",
                "interface 'ethernet1/1' is defined twice (first at interfaces[0])");
        c("interface name", """
                interfaces:
                  - {name: eth0, backing: {type: memory}, mode: layer3} #<
                """, "interfaces[0].name", "must look like ethernet1/1");
        c("mtu range", """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3, mtu: 100} #<
                zones: [{name: z, interfaces: [ethernet1/1]}]
                """, "interfaces[0].mtu", "MTU 100 is outside 576..9216");
        c(
                "vwire interface with address",
                """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: virtual-wire, addresses: [198.18.0.1/24]} #<
                zones: [{name: z, interfaces: [ethernet1/1]}]
                """,
                "interfaces[0].addresses",
                "virtual-wire interface ethernet1/1 cannot have IP addresses");
        c(
                "two interfaces on one Linux link",
                """
                interfaces:
                  - {name: ethernet1/1, backing: {type: af-packet, link: veth0}, mode: layer3}
                  - {name: ethernet1/2, backing: {type: af-packet, link: veth0}, mode: layer3} #<
                zones: [{name: z, interfaces: [ethernet1/1, ethernet1/2]}]
                """,
                "interfaces[1].backing",
                "ethernet1/2 uses Linux link veth0, which ethernet1/1 already uses");
        c(
                "overlapping subnets",
                """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [198.18.0.1/24]}
                  - {name: ethernet1/2, backing: {type: memory}, mode: layer3, addresses: [198.18.0.2/24]} #<
                zones: [{name: z, interfaces: [ethernet1/1, ethernet1/2]}]
                """,
                "interfaces[1].addresses[0]",
                "subnet 198.18.0.0/24 of ethernet1/2 is also on ethernet1/1");
        c("same subnet twice", """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [198.18.0.1/24, 198.18.0.2/24]} #<
                zones: [{name: z, interfaces: [ethernet1/1]}]
                """, "interfaces[0].addresses[1]", "appears twice on ethernet1/1");
        c("interface in no zone", """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3} #<
                """, "interfaces[0]", "is in no zone");
        c(
                "aggregate name",
                L3 + "aggregate-interfaces:\n  - {name: bond0, members: [ethernet1/3], mode: layer3} #<\n",
                "aggregate-interfaces[0].name",
                "must look like ae1");
        c(
                "aggregate without members",
                L3 + "aggregate-interfaces:\n  - {name: ae1, members: [], mode: layer3} #<\n",
                "aggregate-interfaces[0].members",
                "needs at least one member");
        c(
                "aggregate member missing",
                L3 + "aggregate-interfaces:\n  - {name: ae1, members: [ethernet1/7], mode: layer3} #<\n",
                "aggregate-interfaces[0].members[0]",
                "member interface 'ethernet1/7' does not exist");
        c(
                "aggregate member in a zone",
                L3 + "aggregate-interfaces:\n  - {name: ae1, members: [ethernet1/1], mode: layer3} #<\n",
                "aggregate-interfaces[0].members[0]",
                "cannot also be in a zone");
        c(
                "aggregate member twice",
                """
                interfaces:
                  - {name: ethernet1/3, backing: {type: memory}, mode: layer3}
                aggregate-interfaces:
                  - {name: ae1, members: [ethernet1/3], mode: layer3}
                  - {name: ae2, members: [ethernet1/3], mode: layer3} #<
                zones: [{name: z, interfaces: [ae1, ae2]}]
                """,
                "aggregate-interfaces[1].members[0]",
                "ethernet1/3 is already a member of ae1");
        c("aggregate member with address", """
                interfaces:
                  - {name: ethernet1/3, backing: {type: memory}, mode: layer3, addresses: [198.18.5.1/24]}
                aggregate-interfaces:
                  - {name: ae1, members: [ethernet1/3], mode: layer3} #<
                zones: [{name: z, interfaces: [ae1]}]
                """, "aggregate-interfaces[0].members[0]", "cannot have its own addresses");
        c(
                "lacp priority range",
                """
                interfaces:
                  - {name: ethernet1/3, backing: {type: memory}, mode: layer3}
                aggregate-interfaces:
                  - {name: ae1, members: [ethernet1/3], mode: layer3, lacp: {enabled: true, system-priority: 0}} #<
                zones: [{name: z, interfaces: [ae1]}]
                """,
                "aggregate-interfaces[0].lacp.system-priority",
                "LACP system priority 0 is outside 1..65535");
        c(
                "lacp passive pre-negotiation without lacp",
                """
                interfaces:
                  - {name: ethernet1/3, backing: {type: memory}, mode: layer3}
                aggregate-interfaces:
                  - {name: ae1, members: [ethernet1/3], mode: layer3, lacp: {enable-in-ha-passive-state: true}} #<
                zones: [{name: z, interfaces: [ae1]}]
                """,
                "aggregate-interfaces[0].lacp.enable-in-ha-passive-state",
                "needs lacp enabled: true");
        c(
                "lacp passive pre-negotiation without auto",
                """
                interfaces:
                  - {name: ethernet1/3, backing: {type: memory}, mode: layer3}
                aggregate-interfaces:
                  - {name: ae1, members: [ethernet1/3], mode: layer3, lacp: {enabled: true, enable-in-ha-passive-state: true}} #<
                zones: [{name: z, interfaces: [ae1]}]
                """,
                "aggregate-interfaces[0].lacp.enable-in-ha-passive-state",
                "passive-link-state: auto");
        c(
                "virtual wire needs two",
                VW_IFS + "virtual-wires:\n  - {name: vw, interfaces: [ethernet1/1]} #<\n",
                "virtual-wires[0].interfaces",
                "needs exactly two interfaces, has 1");
        c(
                "virtual wire to itself",
                VW_IFS + "virtual-wires:\n  - {name: vw, interfaces: [ethernet1/1, ethernet1/1]} #<\n",
                "virtual-wires[0].interfaces[1]",
                "joins an interface to itself");
        c(
                "virtual wire interface missing",
                VW_IFS + "virtual-wires:\n  - {name: vw, interfaces: [ethernet1/1, ethernet1/9]} #<\n",
                "virtual-wires[0].interfaces[1]",
                "interface 'ethernet1/9' does not exist");
        c(
                "virtual wire needs virtual-wire mode",
                L3 + "virtual-wires:\n  - {name: vw, interfaces: [ethernet1/1, ethernet1/2]} #<\n",
                "virtual-wires[0].interfaces[0]",
                "ethernet1/1 is not a virtual-wire interface");
        c(
                "interface in two virtual wires",
                VW_IFS + """
                virtual-wires:
                  - {name: vw1, interfaces: [ethernet1/1, ethernet1/2]}
                  - {name: vw2, interfaces: [ethernet1/2, ethernet1/1]} #<
                """,
                "virtual-wires[1].interfaces[0]",
                "ethernet1/2 is already in virtual wire vw1");
        c(
                "zone interface missing",
                L3.replace("[ethernet1/2]}", "[ethernet1/2, ethernet1/8]} #<"),
                "zones[1].interfaces[1]",
                "interface 'ethernet1/8' does not exist");
        c(
                "interface in two zones",
                L3.replace("[ethernet1/2]}", "[ethernet1/2, ethernet1/1]} #<"),
                "zones[1].interfaces[1]",
                "ethernet1/1 is already in zone trust");
        c("zone mixes modes", """
                interfaces:
                  - {name: ethernet1/1, backing: {type: memory}, mode: layer3}
                  - {name: ethernet1/2, backing: {type: memory}, mode: virtual-wire}
                zones:
                  - {name: mixed, interfaces: [ethernet1/1, ethernet1/2]} #<
                """, "zones[0].interfaces[1]", "zone mixed mixes virtual-wire and layer3 interfaces");
        c(
                "duplicate zone",
                L3.replace("{name: untrust, interfaces: [ethernet1/2]}", "{name: trust, interfaces: [ethernet1/2]} #<"),
                "zones[1].name",
                "zone 'trust' is defined twice");
        c(
                "zone profile missing",
                L3.replace("[ethernet1/2]}", "[ethernet1/2], protection-profile: zp9} #<"),
                "zones[1].protection-profile",
                "zone protection profile 'zp9' does not exist");
        c(
                "flood activate above maximum",
                L3 + """
                zone-protection-profiles:
                  - name: zp
                    flood:
                      syn: {enabled: true, activate-rate: 50000, maximum-rate: 40000} #<
                """,
                "zone-protection-profiles[0].flood.syn.activate-rate",
                "activate rate 50000 is above the maximum");
        c(
                "flood alarm above maximum",
                L3 + """
                zone-protection-profiles:
                  - name: zp
                    flood:
                      udp: {alarm-rate: 50000, maximum-rate: 40000} #<
                """,
                "zone-protection-profiles[0].flood.udp.alarm-rate",
                "alarm rate 50000 is above the maximum");
        c(
                "syn cookies only for syn",
                L3 + """
                zone-protection-profiles:
                  - name: zp
                    flood:
                      icmp: {action: syn-cookies} #<
                """,
                "zone-protection-profiles[0].flood.icmp.action",
                "syn-cookies applies to SYN floods only");
        c(
                "scan threshold range",
                L3 + """
                zone-protection-profiles:
                  - name: zp
                    reconnaissance:
                      tcp-port-scan: {threshold: 1} #<
                """,
                "zone-protection-profiles[0].reconnaissance.tcp-port-scan.threshold",
                "outside 2..65535");
        c(
                "route without interface or next hop",
                L3 + """
                virtual-router:
                  static-routes:
                    - {name: r, destination: 0.0.0.0/0} #<
                """,
                "virtual-router.static-routes[0]",
                "needs an interface, a next-hop, or both");
        c(
                "route interface missing",
                L3 + """
                virtual-router:
                  static-routes:
                    - {name: r, destination: 0.0.0.0/0, interface: ethernet1/5} #<
                """,
                "virtual-router.static-routes[0].interface",
                "interface 'ethernet1/5' does not exist");
        c(
                "route interface not layer3",
                VW_IFS + """
                virtual-router:
                  static-routes:
                    - {name: r, destination: 0.0.0.0/0, interface: ethernet1/1} #<
                """,
                "virtual-router.static-routes[0].interface",
                "is not a layer3 interface");
        c(
                "route next hop family",
                L3 + """
                virtual-router:
                  static-routes:
                    - {name: r, destination: 0.0.0.0/0, next-hop: '2001:db8::1'} #<
                """,
                "virtual-router.static-routes[0].next-hop",
                "not of the destination's address family");
        c("route metric range", L3 + """
                virtual-router:
                  static-routes:
                    - {name: r, destination: 0.0.0.0/0, next-hop: 198.18.1.254, metric: 0} #<
                """, "virtual-router.static-routes[0].metric", "metric 0 is outside 1..65535");
        c("duplicate route", L3 + """
                virtual-router:
                  static-routes:
                    - {name: r, destination: 0.0.0.0/0, next-hop: 198.18.1.254}
                    - {name: r, destination: 10.0.0.0/8, next-hop: 198.18.1.254} #<
                """, "virtual-router.static-routes[1].name", "static route 'r' is defined twice");
    }

    static final String VW_IFS = """
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: virtual-wire}
              - {name: ethernet1/2, backing: {type: memory}, mode: virtual-wire}
            zones:
              - {name: trust, interfaces: [ethernet1/1]}
              - {name: untrust, interfaces: [ethernet1/2]}
            """;

    private static void objects() {
        c(
                "address and group share names",
                L3 + """
                addresses:
                  - {name: web, ip-netmask: 198.18.1.10}
                address-groups:
                  - {name: web, members: [web]} #<
                """,
                "address-groups[0].name",
                "address name 'web' is defined twice (first at addresses[0].name)");
        c(
                "reserved object name",
                L3 + "addresses:\n  - {name: any, ip-netmask: 198.18.1.10} #<\n",
                "addresses[0].name",
                "'any' is a reserved word");
        c(
                "object name characters",
                L3 + "addresses:\n  - {name: 'web$1', ip-netmask: 198.18.1.10} #<\n",
                "addresses[0].name",
                "may only use letters, digits");
        c(
                "address needs one kind",
                L3 + "addresses:\n  - {name: web} #<\n",
                "addresses[0]",
                "needs exactly one of ip-netmask or ip-range");
        c(
                "address with two kinds",
                L3 + "addresses:\n  - {name: web, ip-netmask: 198.18.1.1, ip-range: 198.18.1.1-198.18.1.2} #<\n",
                "addresses[0]",
                "not both");
        c(
                "address range reversed",
                L3 + "addresses:\n  - {name: r, ip-range: 198.18.1.9-198.18.1.2} #<\n",
                "addresses[0].ip-range",
                "after its end");
        c(
                "group member unknown",
                L3 + "address-groups:\n  - {name: g, members: [nope]} #<\n",
                "address-groups[0].members[0]",
                "'nope' is not a defined object or group");
        c(
                "group empty",
                L3 + "address-groups:\n  - {name: g, members: []} #<\n",
                "address-groups[0].members",
                "group g has no members");
        c("group loop", L3 + """
                address-groups:
                  - {name: g1, members: [g2]} #<
                  - {name: g2, members: [g1]}
                """, "address-groups[0].members", "group loop: g1 -> g2 -> g1");
        c("service and group share names", L3 + """
                services:
                  - {name: web, protocol: tcp, destination-port: '80'}
                service-groups:
                  - {name: web, members: [web]} #<
                """, "service-groups[0].name", "service name 'web' is defined twice");
        c(
                "service port zero",
                L3 + "services:\n  - {name: s, protocol: tcp, destination-port: '0'} #<\n",
                "services[0].destination-port",
                "port 0 is not a valid destination port");
        c("service group loop", L3 + """
                services:
                  - {name: s, protocol: udp, destination-port: '53'}
                service-groups:
                  - {name: a, members: [s, b]} #<
                  - {name: b, members: [a]}
                """, "service-groups[0].members", "group loop: a -> b -> a");
        c(
                "application without ports",
                L3 + "applications:\n  - {name: x, default-ports: []} #<\n",
                "applications[0].default-ports",
                "needs at least one default port");
        c(
                "application timeout range",
                L3 + "applications:\n  - {name: x, default-ports: [tcp/9], timeout-s: 0} #<\n",
                "applications[0].timeout-s",
                "outside 1..");
        c("duplicate application", L3 + """
                applications:
                  - {name: x, default-ports: [tcp/9]}
                  - {name: x, default-ports: [tcp/10]} #<
                """, "applications[1].name", "application 'x' is defined twice");
        c("user mapped twice", L3 + """
                user-id:
                  mappings:
                    - {ip: 198.18.0.5, user: acme\\\\alice}
                    - {ip: 198.18.0.5, user: acme\\\\bob} #<
                """, "user-id.mappings[1].ip", "198.18.0.5 is mapped twice");
        c(
                "user group empty",
                L3 + "user-id:\n  groups:\n    - {name: eng, members: []} #<\n",
                "user-id.groups[0].members",
                "user group eng has no members");
        c("duplicate user group", L3 + """
                user-id:
                  groups:
                    - {name: eng, members: [a]}
                    - {name: eng, members: [b]} #<
                """, "user-id.groups[1].name", "user group 'eng' is defined twice");
    }

    private static void policy() {
        String rule = "security-rules:\n  - {name: r, from: [trust], to: [untrust], action: allow, ";
        c("duplicate rule", L3 + """
                security-rules:
                  - {name: r, from: [trust], to: [untrust], action: allow}
                  - {name: r, from: [trust], to: [untrust], action: deny} #<
                """, "security-rules[1].name", "security rule 'r' is defined twice");
        c(
                "rule without zones",
                L3 + "security-rules:\n  - {name: r, from: [], to: [untrust], action: allow} #<\n",
                "security-rules[0].from",
                "name at least one zone, or 'any'");
        c(
                "any with others",
                L3 + "security-rules:\n  - {name: r, from: [any, trust], to: [untrust], action: allow} #<\n",
                "security-rules[0].from",
                "'any' cannot be combined with other values");
        c(
                "zone missing with hint",
                L3 + "security-rules:\n  - {name: r, from: [trsut], to: [untrust], action: allow} #<\n",
                "security-rules[0].from[0]",
                "zone 'trsut' does not exist (did you mean 'trust'?)");
        c(
                "address reference",
                L3 + rule + "destination: [web-srv]} #<\n",
                "security-rules[0].destination[0]",
                "'web-srv' is not an address object, group, IP address, prefix or range");
        c(
                "negate any source",
                L3 + rule + "negate-source: true} #<\n",
                "security-rules[0].negate-source",
                "negate-source with source 'any' can never match");
        c(
                "negate any destination",
                L3 + rule + "negate-destination: true} #<\n",
                "security-rules[0].negate-destination",
                "negate-destination with destination 'any' can never match");
        c(
                "user keyword combined",
                L3 + rule + "source-user: [known-user, alice]} #<\n",
                "security-rules[0].source-user[0]",
                "'known-user' cannot be combined with named users");
        c(
                "unknown application",
                L3 + rule + "application: [web-browsin]} #<\n",
                "security-rules[0].application[0]",
                "application 'web-browsin' is not built in or configured (did you mean 'web-browsing'?)");
        c(
                "application-default combined",
                L3 + rule + "service: [application-default, s]} #<\n",
                "security-rules[0].service",
                "'application-default' cannot be combined with other services");
        c(
                "unknown service",
                L3 + rule + "service: [tcp-81]} #<\n",
                "security-rules[0].service[0]",
                "service 'tcp-81' does not exist");
        String nat = "nat-rules:\n  - {name: n, from: [trust], to: [untrust], ";
        c(
                "NAT unknown service",
                L3 + nat + "service: s9, destination-translation: {translated-address: 198.18.1.5}} #<\n",
                "nat-rules[0].service",
                "service 's9' does not exist");
        c("NAT translates nothing", L3 + nat + "disabled: false} #<\n", "nat-rules[0]", "translates nothing");
        c(
                "NAT pool reference",
                L3 + nat + "source-translation: {type: dynamic-ip, translated-addresses: [pool9]}} #<\n",
                "nat-rules[0].source-translation.translated-addresses[0]",
                "'pool9' is not an address object");
        c(
                "NAT interface only for DIPP",
                L3 + nat + "source-translation: {type: dynamic-ip, interface: ethernet1/2}} #<\n",
                "nat-rules[0].source-translation.interface",
                "only be used with dynamic-ip-and-port");
        c(
                "NAT interface and pool",
                L3 + nat
                        + "source-translation: {type: dynamic-ip-and-port, interface: ethernet1/2, translated-addresses: [198.18.1.9]}} #<\n",
                "nat-rules[0].source-translation.interface",
                "use either translated-addresses or interface");
        c(
                "NAT interface missing",
                L3 + nat + "source-translation: {type: dynamic-ip-and-port, interface: ethernet1/7}} #<\n",
                "nat-rules[0].source-translation.interface",
                "interface 'ethernet1/7' does not exist");
        c(
                "NAT interface without address",
                VW_IFS + nat + "source-translation: {type: dynamic-ip-and-port, interface: ethernet1/2}} #<\n",
                "nat-rules[0].source-translation.interface",
                "has no layer-3 address");
        c(
                "NAT without pool",
                L3 + nat + "source-translation: {type: dynamic-ip}} #<\n",
                "nat-rules[0].source-translation",
                "source translation needs translated-addresses");
        c(
                "bi-directional needs static",
                L3 + nat
                        + "source-translation: {type: dynamic-ip, translated-addresses: [198.18.1.9], bi-directional: true}} #<\n",
                "nat-rules[0].source-translation.bi-directional",
                "applies to static-ip translation only");
        c(
                "bi-directional with DNAT",
                L3 + nat
                        + "source-translation: {type: static-ip, translated-addresses: [198.18.1.9], bi-directional: true},"
                        + " destination-translation: {translated-address: 198.18.1.5}} #<\n",
                "nat-rules[0].source-translation.bi-directional",
                "cannot be combined with destination translation");
        c(
                "static takes one",
                L3 + nat
                        + "source-translation: {type: static-ip, translated-addresses: [198.18.1.9, 198.18.1.10]}} #<\n",
                "nat-rules[0].source-translation.translated-addresses",
                "static-ip translation takes one address");
        c(
                "DNAT to a group",
                L3 + """
                addresses: [{name: a, ip-netmask: 198.18.1.5}]
                address-groups: [{name: g, members: [a]}]
                nat-rules:
                  - {name: n, from: [trust], to: [untrust], destination-translation: {translated-address: g}} #<
                """,
                "nat-rules[0].destination-translation.translated-address",
                "needs one address, not group g");
        c(
                "DNAT port range",
                L3 + nat + "destination-translation: {translated-address: 198.18.1.5, translated-port: 0}} #<\n",
                "nat-rules[0].destination-translation.translated-port",
                "translated port 0 is outside 1..65535");
        c(
                "device binding outside A/A",
                L3 + nat
                        + "destination-translation: {translated-address: 198.18.1.5}, active-active-device-binding: '0'} #<\n",
                "nat-rules[0].active-active-device-binding",
                "applies only to HA active-active mode");
        c(
                "A/A NAT needs binding",
                L3 + AA + nat + "source-translation: {type: dynamic-ip, translated-addresses: [198.18.1.9]}} #<\n",
                "nat-rules[0]",
                "needs active-active-device-binding (0 or 1)");
        c(
                "A/A dynamic NAT binds one device",
                L3 + AA + nat
                        + "source-translation: {type: dynamic-ip, translated-addresses: [198.18.1.9]}, active-active-device-binding: both} #<\n",
                "nat-rules[0].active-active-device-binding",
                "dynamic NAT rules bind to device 0 or 1, not both");
    }

    /** A valid active/active HA block. */
    static final String AA = HA + """
              mode: active-active
              device-id: 0
              ha3: {local: 127.0.0.1:29381, peer: 127.0.0.1:29391}
            """;

    private static void ha() {
        c(
                "group id range",
                L3 + HA + "  group-id: 64 #<\n",
                "high-availability.group-id",
                "group-id 64 is outside 1..63");
        c(
                "device priority range",
                L3 + HA + "  election: {device-priority: 256} #<\n",
                "high-availability.election.device-priority",
                "device-priority 256 is outside 0..255");
        c(
                "negotiation timeout range",
                L3 + HA + "  election: {peer-negotiation-timeout-ms: 10} #<\n",
                "high-availability.election.peer-negotiation-timeout-ms",
                "outside 500..");
        c(
                "timer values need advanced",
                L3 + HA + "  election:\n    timers: {profile: aggressive, flap-max: 5} #<\n",
                "high-availability.election.timers",
                "individual timer values need profile: advanced");
        c(
                "heartbeat below 50 ms",
                L3 + HA + "  election:\n    timers: {profile: advanced, heartbeat-interval-ms: 40} #<\n",
                "high-availability.election.timers.heartbeat-interval-ms",
                "outside 50..60000");
        c(
                "miss threshold range",
                L3 + HA + "  election:\n    timers: {profile: advanced, heartbeat-miss-threshold: 1} #<\n",
                "high-availability.election.timers.heartbeat-miss-threshold",
                "outside 2..100");
        c(
                "flap max range",
                L3 + HA + "  election:\n    timers: {profile: advanced, flap-max: 17} #<\n",
                "high-availability.election.timers.flap-max",
                "flap-max 17 is outside 0..16");
        c(
                "promotion hold range",
                L3 + HA + "  election:\n    timers: {profile: advanced, promotion-hold-time-ms: 60001} #<\n",
                "high-availability.election.timers.promotion-hold-time-ms",
                "outside 0..60000");
        c(
                "preemption hold min range",
                L3 + HA + "  election:\n    timers: {profile: advanced, preemption-hold-time-min: 0} #<\n",
                "high-availability.election.timers.preemption-hold-time-min",
                "outside 1..60");
        c(
                "preemption hold in both units",
                L3 + HA
                        + "  election:\n    timers: {profile: advanced, preemption-hold-time-min: 1, preemption-hold-time-ms: 5} #<\n",
                "high-availability.election.timers.preemption-hold-time-ms",
                "not both");
        c(
                "device id in A/P",
                L3 + HA + "  device-id: 0 #<\n",
                "high-availability.device-id",
                "device-id applies to active-active mode and clusters only");
        c(
                "HA3 in A/P",
                L3 + HA + "  ha3: {local: 127.0.0.1:29381, peer: 127.0.0.1:29391} #<\n",
                "high-availability.ha3",
                "HA3 (packet forwarding) exists only in active-active mode");
        c(
                "A/A settings in A/P",
                L3 + HA + "  active-active: {} #<\n",
                "high-availability.active-active",
                "active-active settings need mode: active-active");
        c(
                "split datapath in A/P",
                L3 + HA + "  state-synchronization:\n    ha2-keep-alive: {action: split-datapath} #<\n",
                "high-availability.state-synchronization.ha2-keep-alive.action",
                "split-datapath applies to active-active");
        c(
                "device id range",
                L3 + AA.replace("device-id: 0", "device-id: 2 #<"),
                "high-availability.device-id",
                "device-id 2 is outside 0..1");
        c(
                "A/A needs device id",
                L3 + AA.replace("  device-id: 0\n", "").replace("high-availability:", "high-availability: #<"),
                "high-availability",
                "active-active mode needs device-id 0 or 1");
        c(
                "A/A needs HA3",
                L3
                        + AA.replace("  ha3: {local: 127.0.0.1:29381, peer: 127.0.0.1:29391}\n", "")
                                .replace("high-availability:", "high-availability: #<"),
                "high-availability",
                "active-active mode needs an ha3 link");
        c(
                "HA needs HA1",
                L3
                        + HA.replace("  ha1: {local: 127.0.0.1:28769, peer: 127.0.0.1:28779}\n", "")
                                .replace("high-availability:", "high-availability: #<"),
                "high-availability",
                "HA needs an ha1 control link");
        c(
                "state sync needs HA2",
                L3
                        + HA.replace("  ha2: {local: 127.0.0.1:29281, peer: 127.0.0.1:29291}\n", "")
                                .replace("high-availability:", "high-availability: #<"),
                "high-availability",
                "state synchronization needs an ha2 link");
        c(
                "heartbeat backup needs HA2",
                L3 + HA.replace("  ha2: {local: 127.0.0.1:29281, peer: 127.0.0.1:29291}\n", "")
                        + "  state-synchronization: {enabled: false}\n  heartbeat-backup: true #<\n",
                "high-availability.heartbeat-backup",
                "heartbeat backup travels over HA2");
        c(
                "TLS needs key material",
                L3
                        + HA.replace("  ha1-encryption: {enabled: false}\n", "")
                                .replace("high-availability:", "high-availability: #<"),
                "high-availability.ha1-encryption",
                "HA1 TLS needs certificate, key and peer-certificate");
        c(
                "HA1 monitor hold range",
                L3 + HA.replace("peer: 127.0.0.1:28779}", "peer: 127.0.0.1:28779, monitor-hold-time-ms: 10} #<"),
                "high-availability.ha1.monitor-hold-time-ms",
                "outside 1000..60000");
        c(
                "HA1 peer is self",
                L3 + HA.replace("peer: 127.0.0.1:28779}", "peer: 127.0.0.1:28769} #<"),
                "high-availability.ha1.peer",
                "the peer address is this node's own listen address");
        c(
                "HA link listener reused",
                L3 + HA + "  ha1-backup: {local: 127.0.0.1:28769, peer: 127.0.0.2:28779} #<\n",
                "high-availability.ha1-backup.local",
                "127.0.0.1:28769 is used by two HA links");
        c(
                "HA2 backup without HA2",
                L3 + HA.replace("  ha2: {local: 127.0.0.1:29281, peer: 127.0.0.1:29291}\n", "")
                        + "  state-synchronization: {enabled: false}\n  ha2-backup: {local: 127.0.0.2:29281, peer: 127.0.0.2:29291} #<\n",
                "high-availability.ha2-backup",
                "ha2-backup needs a primary ha2 link");
        c(
                "UDP link needs peer",
                L3
                        + HA.replace(
                                "  ha2: {local: 127.0.0.1:29281, peer: 127.0.0.1:29291}",
                                "  ha2: {local: 127.0.0.1:29281} #<"),
                "high-availability.ha2",
                "a UDP link needs local and peer addresses");
        c(
                "link name on UDP",
                L3 + HA.replace("peer: 127.0.0.1:29291}", "peer: 127.0.0.1:29291, link: veth9} #<"),
                "high-availability.ha2.link",
                "link is for the ethernet transport");
        c(
                "Ethernet link needs link",
                L3 + HA.replace("peer: 127.0.0.1:29291}", "peer: 127.0.0.1:29291} #<")
                        + "  state-synchronization: {transport: ethernet}\n",
                "high-availability.ha2",
                "an Ethernet link needs the Linux interface in link");
        c(
                "peer MAC format",
                L3 + HA.replace("peer: 127.0.0.1:29291}", "peer: 127.0.0.1:29291, peer-mac: 00:1b:17} #<"),
                "high-availability.ha2.peer-mac",
                "is not a MAC address");
        c(
                "keep-alive threshold range",
                L3 + HA + "  state-synchronization:\n    ha2-keep-alive: {threshold-ms: 100} #<\n",
                "high-availability.state-synchronization.ha2-keep-alive.threshold-ms",
                "outside 5000..60000");
        c(
                "link group empty",
                L3 + HA + "  link-monitoring:\n    groups: [{name: g, interfaces: []}] #<\n",
                "high-availability.link-monitoring.groups[0].interfaces",
                "link group g monitors no interface");
        c(
                "link group interface missing",
                L3 + HA + "  link-monitoring:\n    groups: [{name: g, interfaces: [ethernet1/4]}] #<\n",
                "high-availability.link-monitoring.groups[0].interfaces[0]",
                "interface 'ethernet1/4' does not exist");
        String pg = "  path-monitoring:\n    groups:\n      - {name: p, destinations: [198.18.1.10], ";
        c(
                "ping interval range",
                L3 + HA + pg + "ping-interval-ms: 100} #<\n",
                "high-availability.path-monitoring.groups[0].ping-interval-ms",
                "outside 200..60000");
        c(
                "ping count range",
                L3 + HA + pg + "ping-count: 2} #<\n",
                "high-availability.path-monitoring.groups[0].ping-count",
                "ping-count 2 is outside 3..10");
        c(
                "path group without destinations",
                L3 + HA + "  path-monitoring:\n    groups: [{name: p, destinations: []}] #<\n",
                "high-availability.path-monitoring.groups[0].destinations",
                "has no destination to ping");
        c(
                "path group router missing",
                L3 + HA + pg + "target: vr9} #<\n",
                "high-availability.path-monitoring.groups[0].target",
                "virtual router 'vr9' does not exist");
        c(
                "path group wire missing",
                L3 + HA + pg + "type: virtual-wire, target: vw9, source-ip: 198.18.1.2} #<\n",
                "high-availability.path-monitoring.groups[0].target",
                "virtual wire 'vw9' does not exist");
        c(
                "wire path group needs source",
                VW_IFS + "virtual-wires: [{name: vw, interfaces: [ethernet1/1, ethernet1/2]}]\n" + HA + pg
                        + "type: virtual-wire, target: vw} #<\n",
                "high-availability.path-monitoring.groups[0].source-ip",
                "needs source-ip");
        c(
                "VLAN path groups",
                L3 + HA + pg + "type: vlan} #<\n",
                "high-availability.path-monitoring.groups[0].type",
                "VLAN path groups need VLAN interfaces");
        c(
                "path source family",
                L3 + HA + pg.replace("[198.18.1.10]", "['2001:db8::10']") + "source-ip: 198.18.1.1} #<\n",
                "high-availability.path-monitoring.groups[0].destinations[0]",
                "different address families");
        c(
                "path source not own",
                L3 + HA + pg + "source-ip: 198.18.9.99} #<\n",
                "high-availability.path-monitoring.groups[0].source-ip",
                "is neither an address of a layer3 interface nor in the subnet of one");
        c(
                "hold down range",
                L3 + HA + "  active-passive: {monitor-fail-hold-down-time-min: 61} #<\n",
                "high-availability.active-passive.monitor-fail-hold-down-time-min",
                "outside 1..60");
        c(
                "hold down ms needs advanced",
                L3 + HA + "  active-passive: {monitor-fail-hold-down-time-ms: 500} #<\n",
                "high-availability.active-passive.monitor-fail-hold-down-time-ms",
                "set election.timers.profile: advanced");
        c(
                "tentative hold range",
                L3 + AA + "  active-active: {tentative-hold-time-s: 5} #<\n",
                "high-availability.active-active.tentative-hold-time-s",
                "outside 10..600");
        String va =
                "  active-active:\n    virtual-addresses:\n      - {interface: ethernet1/1, address: 198.18.0.254/24, ";
        c(
                "virtual address priority range",
                L3 + AA + va + "device-0-priority: 300} #<\n",
                "high-availability.active-active.virtual-addresses[0].device-0-priority",
                "outside 0..255");
        c(
                "virtual address interface missing",
                L3 + AA + va.replace("ethernet1/1", "ethernet1/6") + "type: floating} #<\n",
                "high-availability.active-active.virtual-addresses[0].interface",
                "interface 'ethernet1/6' does not exist");
        c(
                "virtual address twice",
                L3 + AA + va + "type: floating}\n" + va.substring(va.indexOf("      -")) + "type: floating} #<\n",
                "high-availability.active-active.virtual-addresses[1].address",
                "is defined twice");
        c(
                "virtual address is an interface address",
                L3 + AA
                        + "  active-active:\n    virtual-addresses:\n      - {interface: ethernet1/1, address: 198.18.0.1/24} #<\n",
                "high-availability.active-active.virtual-addresses[0].address",
                "is already an interface address");
        String cl =
                "  cluster: {cluster-id: 1, ha4: 127.0.0.1:29481, members: [{serial: fw-t, ha4: 127.0.0.1:29481}], ";
        c(
                "cluster id range",
                L3 + HA + cl.replace("cluster-id: 1", "cluster-id: 100") + "description: x} #<\n",
                "high-availability.cluster.cluster-id",
                "cluster-id 100 is outside 1..99");
        c(
                "cluster sync timeout range",
                L3 + HA + cl + "synchronization-timeout-min: 31} #<\n",
                "high-availability.cluster.synchronization-timeout-min",
                "outside 0..30");
        c(
                "cluster keep-alive range",
                L3 + HA + cl + "ha4-keep-alive-threshold-ms: 1000} #<\n",
                "high-availability.cluster.ha4-keep-alive-threshold-ms",
                "outside 5000..60000");
        c(
                "cluster must list this device",
                L3 + HA
                        + "  cluster: {cluster-id: 1, ha4: 127.0.0.1:29481, members: [{serial: other, ha4: 127.0.0.2:29481}]} #<\n",
                "high-availability.cluster.members",
                "must include this device (serial fw-t)");
        StringBuilder many =
                new StringBuilder("  cluster:\n    cluster-id: 1\n    ha4: 127.0.0.1:29481\n    members: #<\n");
        for (int i = 0; i < 17; i++) {
            many.append("      - {serial: ")
                    .append(i == 0 ? "fw-t" : "m" + i)
                    .append(", ha4: 127.0.1.")
                    .append(i + 1)
                    .append(":29481}\n");
        }
        c("cluster at most 16", L3 + HA + many, "high-availability.cluster.members", "at most 16 members");
        c(
                "cluster needs HA",
                L3 + HA.replace("enabled: true", "enabled: false") + cl + "description: x} #<\n",
                "high-availability.cluster",
                "clustering needs high-availability enabled: true");
    }
}
