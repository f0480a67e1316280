package io.palisade.dataplane.policy;

import io.palisade.config.model.AddressGroup;
import io.palisade.config.model.AddressObject;
import io.palisade.config.model.AppPort;
import io.palisade.config.model.ApplicationDef;
import io.palisade.config.model.Applications;
import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.IpRange;
import io.palisade.config.model.NatDeviceBinding;
import io.palisade.config.model.NatRule;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.SecurityRule;
import io.palisade.config.model.ServiceGroup;
import io.palisade.config.model.ServiceObject;
import io.palisade.config.model.SourceNatType;
import io.palisade.config.model.UserIdConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The obvious, slow matcher: every rule top-down, every condition evaluated on the configuration records with
 * {@link InetAddress} and the model's own {@code contains} methods. It shares no code with the classifier, so the
 * randomized test compares two independent readings of the PAN-OS semantics.
 */
final class LinearReference {
    private final PalisadeConfig config;
    private final Map<String, ApplicationDef> apps;
    private final Map<String, Object> literals = new java.util.HashMap<>();

    LinearReference(PalisadeConfig config) {
        this.config = config;
        this.apps = Applications.effective(config.applications());
    }

    /** A session as the reference sees it. */
    record Packet(
            String fromZone,
            String toZone,
            InetAddress src,
            InetAddress dst,
            int protocol,
            int srcPort,
            int dstPort,
            String app,
            String user) {}

    /** Name of the first matching security rule, or the default rule's name. */
    String security(Packet p) {
        for (SecurityRule r : config.securityRules()) {
            if (!r.disabled() && matches(r, p)) {
                return r.name();
            }
        }
        return p.fromZone().equals(p.toZone()) ? "intrazone-default" : "interzone-default";
    }

    private boolean matches(SecurityRule r, Packet p) {
        return zone(r.from(), p.fromZone())
                && zone(r.to(), p.toZone())
                && (address(r.source(), p.src()) != r.negateSource())
                && (address(r.destination(), p.dst()) != r.negateDestination())
                && user(r.sourceUser(), p.user())
                && (r.application().contains("any") || r.application().contains(p.app()))
                && service(r, p);
    }

    /** Rule name of the first matching NAT rule ("+reverse" for a bi-directional reverse match), or "none". */
    String nat(Packet p, int owner, boolean primary) {
        for (NatRule r : config.natRules()) {
            if (r.disabled() || !binding(r.activeActiveDeviceBinding(), owner, primary)) {
                continue;
            }
            if (zone(r.from(), p.fromZone())
                    && zone(r.to(), p.toZone())
                    && address(r.source(), p.src())
                    && address(r.destination(), p.dst())
                    && services(r.service() == null ? List.of("any") : List.of(r.service()), p)) {
                return r.name();
            }
            NatRule.SourceTranslation st = r.sourceTranslation();
            if (st != null
                    && st.type() == SourceNatType.STATIC_IP
                    && st.biDirectional()
                    && zone(r.to(), p.toZone())
                    && address(st.translatedAddresses(), p.dst())) {
                return r.name() + "+reverse";
            }
        }
        return "none";
    }

    private static boolean binding(NatDeviceBinding b, int owner, boolean primary) {
        if (owner < 0 || b == null) {
            return true;
        }
        return switch (b) {
            case DEVICE_0 -> owner == 0;
            case DEVICE_1 -> owner == 1;
            case BOTH -> true;
            case PRIMARY -> primary;
        };
    }

    private static boolean zone(List<String> zones, String zone) {
        return zones.contains("any") || zones.contains(zone);
    }

    private boolean address(List<String> refs, InetAddress a) {
        if (refs.contains("any")) {
            return true;
        }
        for (String ref : refs) {
            if (addressRef(ref, a, 0)) {
                return true;
            }
        }
        return false;
    }

    private boolean addressRef(String ref, InetAddress a, int depth) {
        for (AddressObject o : config.addresses()) {
            if (o.name().equals(ref)) {
                return o.ipNetmask() != null
                        ? o.ipNetmask().contains(a)
                        : o.ipRange().contains(a);
            }
        }
        for (AddressGroup g : config.addressGroups()) {
            if (g.name().equals(ref) && depth < 16) {
                return g.members().stream().anyMatch(m -> addressRef(m, a, depth + 1));
            }
        }
        Object literal = literals.computeIfAbsent(ref, t -> t.contains("-") ? IpRange.parse(t) : IpPrefix.parse(t));
        return literal instanceof IpRange range ? range.contains(a) : ((IpPrefix) literal).contains(a);
    }

    private boolean user(List<String> users, String user) {
        if (users.contains("any")) {
            return true;
        }
        if (users.contains("known-user")) {
            return user != null;
        }
        if (users.contains("unknown")) {
            return user == null;
        }
        return user != null && users.stream().anyMatch(u -> userIn(u, user, 0));
    }

    private boolean userIn(String name, String user, int depth) {
        for (UserIdConfig.Group g : config.userId().groups()) {
            if (g.name().equals(name)) {
                return depth < 16 && g.members().stream().anyMatch(m -> userIn(m, user, depth + 1));
            }
        }
        return name.equals(user);
    }

    private boolean service(SecurityRule r, Packet p) {
        if (r.service().contains("application-default")) {
            List<String> names = r.application().contains("any") ? List.of(p.app()) : r.application();
            return names.stream().anyMatch(n -> onDefaultPort(n, p));
        }
        return services(r.service(), p);
    }

    private boolean onDefaultPort(String app, Packet p) {
        ApplicationDef d = apps.get(app);
        return d != null && d.defaultPorts().stream().anyMatch(ap -> ap.matches(p.protocol(), p.dstPort()));
    }

    private boolean services(List<String> names, Packet p) {
        return names.contains("any") || names.stream().anyMatch(n -> serviceRef(n, p, 0));
    }

    private boolean serviceRef(String name, Packet p, int depth) {
        for (ServiceObject s : config.services()) {
            if (s.name().equals(name)) {
                int proto = switch (s.protocol()) {
                    case TCP -> AppPort.TCP;
                    case UDP -> AppPort.UDP;
                    case SCTP -> AppPort.SCTP;
                };
                return proto == p.protocol()
                        && s.destinationPort().contains(p.dstPort())
                        && (s.sourcePort() == null
                                || p.srcPort() >= 0 && s.sourcePort().contains(p.srcPort()));
            }
        }
        for (ServiceGroup g : config.serviceGroups()) {
            if (g.name().equals(name) && depth < 16) {
                return g.members().stream().anyMatch(m -> serviceRef(m, p, depth + 1));
            }
        }
        return false;
    }
}
