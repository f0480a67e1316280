package io.palisade.config.validate;

import io.palisade.config.bind.Names;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.InterfaceMode;
import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.IpRange;
import io.palisade.config.model.NatDeviceBinding;
import io.palisade.config.model.NatRule;
import io.palisade.config.model.SecurityRule;
import io.palisade.config.model.SourceNatType;
import java.util.List;
import java.util.Set;

/** Security and NAT rules: references, reserved words and impossible combinations. */
final class PolicyRules {
    private static final Set<String> USER_KEYWORDS = Set.of("any", "known-user", "unknown");

    private PolicyRules() {}

    static void check(Checks c) {
        c.unique(c.config.securityRules(), SecurityRule::name, "security-rules", "security rule");
        c.unique(c.config.natRules(), NatRule::name, "nat-rules", "NAT rule");
        var rules = c.config.securityRules();
        for (int i = 0; i < rules.size(); i++) {
            security(c, rules.get(i), "security-rules[" + i + "]");
        }
        var nats = c.config.natRules();
        for (int i = 0; i < nats.size(); i++) {
            nat(c, nats.get(i), "nat-rules[" + i + "]");
        }
    }

    private static void security(Checks c, SecurityRule r, String p) {
        c.objectName(r.name(), p + ".name", "a security rule");
        zones(c, r.from(), p + ".from");
        zones(c, r.to(), p + ".to");
        addresses(c, r.source(), p + ".source");
        addresses(c, r.destination(), p + ".destination");
        if (r.negateSource() && r.source().contains("any")) {
            c.problem(p + ".negate-source", "negate-source with source 'any' can never match");
        }
        if (r.negateDestination() && r.destination().contains("any")) {
            c.problem(p + ".negate-destination", "negate-destination with destination 'any' can never match");
        }
        users(c, r.sourceUser(), p + ".source-user");
        applications(c, r.application(), p + ".application");
        services(c, r.service(), p + ".service");
    }

    private static void zones(Checks c, List<String> zones, String p) {
        if (zones.isEmpty()) {
            c.problem(p, "name at least one zone, or 'any'");
        }
        if (!c.anyAlone(zones, p)) {
            return;
        }
        for (int j = 0; j < zones.size(); j++) {
            String z = zones.get(j);
            if (!z.equals("any") && !c.zones.contains(z)) {
                c.problem(p + "[" + j + "]", "zone '" + z + "' does not exist" + Names.didYouMean(z, c.zones));
            }
        }
    }

    private static void addresses(Checks c, List<String> values, String p) {
        if (!c.anyAlone(values, p)) {
            return;
        }
        for (int j = 0; j < values.size(); j++) {
            addressRef(c, values.get(j), p + "[" + j + "]", true);
        }
    }

    /** An address reference: {@code any}, an object or group name, or a literal address, prefix or range. */
    static void addressRef(Checks c, String value, String path, boolean anyAllowed) {
        if (value.equals("any") && anyAllowed || c.addressNames.contains(value) || isLiteralAddress(value)) {
            return;
        }
        c.problem(
                path,
                "'" + value + "' is not an address object, group, IP address, prefix or range"
                        + Names.didYouMean(value, c.addressNames));
    }

    static boolean isLiteralAddress(String value) {
        try {
            if (value.contains("-")) {
                IpRange.parse(value);
            } else {
                IpPrefix.parse(value);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void users(Checks c, List<String> users, String p) {
        if (!c.anyAlone(users, p)) {
            return;
        }
        for (int j = 0; j < users.size(); j++) {
            String u = users.get(j);
            if (USER_KEYWORDS.contains(u) && users.size() > 1) {
                c.problem(p + "[" + j + "]", "'" + u + "' cannot be combined with named users");
            } else if (u.isBlank()) {
                c.problem(p + "[" + j + "]", "empty user name");
            }
        }
    }

    private static void applications(Checks c, List<String> apps, String p) {
        if (!c.anyAlone(apps, p)) {
            return;
        }
        for (int j = 0; j < apps.size(); j++) {
            String a = apps.get(j);
            if (!a.equals("any") && !c.applicationNames.contains(a)) {
                c.problem(
                        p + "[" + j + "]",
                        "application '" + a + "' is not built in or configured"
                                + Names.didYouMean(a, c.applicationNames));
            }
        }
    }

    private static void services(Checks c, List<String> services, String p) {
        if (!c.anyAlone(services, p)) {
            return;
        }
        if (services.contains("application-default") && services.size() > 1) {
            c.problem(p, "'application-default' cannot be combined with other services");
            return;
        }
        for (int j = 0; j < services.size(); j++) {
            String s = services.get(j);
            if (!s.equals("any") && !s.equals("application-default") && !c.serviceNames.contains(s)) {
                c.problem(
                        p + "[" + j + "]", "service '" + s + "' does not exist" + Names.didYouMean(s, c.serviceNames));
            }
        }
    }

    private static void nat(Checks c, NatRule r, String p) {
        c.objectName(r.name(), p + ".name", "a NAT rule");
        zones(c, r.from(), p + ".from");
        zones(c, r.to(), p + ".to");
        addresses(c, r.source(), p + ".source");
        addresses(c, r.destination(), p + ".destination");
        if (r.service() != null && !r.service().equals("any") && !c.serviceNames.contains(r.service())) {
            c.problem(p + ".service", "service '" + r.service() + "' does not exist");
        }
        if (r.sourceTranslation() == null && r.destinationTranslation() == null) {
            c.problem(
                    p,
                    "NAT rule " + r.name() + " translates nothing: add source-translation or"
                            + " destination-translation");
        }
        if (r.sourceTranslation() != null) {
            sourceTranslation(c, r, r.sourceTranslation(), p + ".source-translation");
        }
        if (r.destinationTranslation() != null) {
            destinationTranslation(c, r.destinationTranslation(), p + ".destination-translation");
        }
        deviceBinding(c, r, p);
    }

    private static void sourceTranslation(Checks c, NatRule r, NatRule.SourceTranslation st, String p) {
        List<String> pool = st.translatedAddresses();
        for (int j = 0; j < pool.size(); j++) {
            addressRef(c, pool.get(j), p + ".translated-addresses[" + j + "]", false);
        }
        if (st.interfaceName() != null) {
            if (st.type() != SourceNatType.DYNAMIC_IP_AND_PORT) {
                c.problem(p + ".interface", "an interface address can only be used with dynamic-ip-and-port");
            } else if (!pool.isEmpty()) {
                c.problem(p + ".interface", "use either translated-addresses or interface, not both");
            }
            interfaceWithAddress(c, st.interfaceName(), p + ".interface");
        } else if (pool.isEmpty()) {
            c.problem(
                    p,
                    "source translation needs translated-addresses"
                            + (st.type() == SourceNatType.DYNAMIC_IP_AND_PORT ? " or interface" : ""));
        }
        if (st.biDirectional()) {
            if (st.type() != SourceNatType.STATIC_IP) {
                c.problem(p + ".bi-directional", "bi-directional applies to static-ip translation only");
            } else if (r.destinationTranslation() != null) {
                c.problem(
                        p + ".bi-directional",
                        "bi-directional static NAT cannot be combined with destination"
                                + " translation in the same rule");
            }
        }
        if (st.type() == SourceNatType.STATIC_IP && pool.size() > 1) {
            c.problem(p + ".translated-addresses", "static-ip translation takes one address, prefix or range");
        }
    }

    private static void interfaceWithAddress(Checks c, String name, String path) {
        var ifc = c.config.findInterface(name);
        if (ifc.isEmpty()) {
            c.problem(path, "interface '" + name + "' does not exist");
        } else if (ifc.get().mode() != InterfaceMode.LAYER3
                || ifc.get().addresses().isEmpty()) {
            c.problem(path, name + " has no layer-3 address to translate to");
        }
    }

    private static void destinationTranslation(Checks c, NatRule.DestinationTranslation dt, String p) {
        String a = dt.translatedAddress();
        if (a != null) {
            if (c.config.addressGroups().stream().anyMatch(g -> a.equals(g.name()))) {
                c.problem(p + ".translated-address", "destination translation needs one address, not group " + a);
            } else {
                addressRef(c, a, p + ".translated-address", false);
            }
        }
        if (dt.translatedPort() != null) {
            c.range(dt.translatedPort(), 1, 65535, p + ".translated-port", "translated port");
        }
    }

    private static void deviceBinding(Checks c, NatRule r, String p) {
        boolean activeActive = c.config.highAvailability().mode() == HaMode.ACTIVE_ACTIVE
                && c.config.highAvailability().enabled();
        NatDeviceBinding b = r.activeActiveDeviceBinding();
        if (b != null && !activeActive) {
            c.problem(p + ".active-active-device-binding", "device binding applies only to HA active-active mode");
            return;
        }
        if (!activeActive || r.sourceTranslation() == null) {
            return;
        }
        boolean dynamic = r.sourceTranslation().type() != SourceNatType.STATIC_IP;
        if (b == null) {
            c.problem(
                    p,
                    "in active-active mode NAT rule " + r.name() + " needs active-active-device-binding (0 or 1"
                            + (dynamic ? "" : ", both or primary") + ")");
        } else if (dynamic && (b == NatDeviceBinding.BOTH || b == NatDeviceBinding.PRIMARY)) {
            c.problem(
                    p + ".active-active-device-binding",
                    "dynamic NAT rules bind to device 0 or 1, not " + Names.enumName(b));
        }
    }
}
