package io.palisade.dataplane.policy;

import io.palisade.config.model.AppPort;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.PortRanges;
import io.palisade.config.model.ServiceGroup;
import io.palisade.config.model.ServiceObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a rule's service list (and, for {@code application-default}, its applications) into service terms. */
final class ServiceResolver {
    private final Map<String, ServiceObject> services = new HashMap<>();
    private final Map<String, ServiceGroup> groups = new HashMap<>();

    ServiceResolver(PalisadeConfig config) {
        config.services().forEach(s -> services.putIfAbsent(s.name(), s));
        config.serviceGroups().forEach(g -> groups.putIfAbsent(g.name(), g));
    }

    /** Terms of a security rule. */
    List<ServiceTerm> security(List<String> service, List<String> applications, ApplicationTable apps) {
        if (service.contains("any")) {
            return List.of(ServiceTerm.ANY);
        }
        if (service.contains("application-default")) {
            if (applications.contains("any")) {
                return List.of(new ServiceTerm(null, null, true));
            }
            List<Integer> keys = new ArrayList<>();
            for (String app : applications) {
                int id = apps.id(app);
                if (id >= 0) {
                    for (int k : apps.defaultPortKeys(id)) {
                        keys.add(k);
                    }
                }
            }
            return List.of(new ServiceTerm(toArray(keys), null, false));
        }
        return named(service);
    }

    /** Terms of a NAT rule's single service. */
    List<ServiceTerm> nat(String service) {
        return service == null || service.equals("any") ? List.of(ServiceTerm.ANY) : named(List.of(service));
    }

    /** Services without source ports merge into one term; each service with source ports is a term of its own. */
    private List<ServiceTerm> named(List<String> names) {
        List<ServiceObject> objects = new ArrayList<>();
        for (String name : names) {
            expand(name, objects, new HashSet<>());
        }
        List<ServiceTerm> terms = new ArrayList<>();
        List<Integer> plain = new ArrayList<>();
        for (ServiceObject s : objects) {
            List<Integer> keys = s.sourcePort() == null ? plain : new ArrayList<>();
            int protocol = protocolNumber(s);
            for (PortRanges.Range r : s.destinationPort().ranges()) {
                keys.add(ApplicationTable.key(protocol, r.first()));
                keys.add(ApplicationTable.key(protocol, r.last()));
            }
            if (s.sourcePort() != null) {
                List<Integer> src = new ArrayList<>();
                for (PortRanges.Range r : s.sourcePort().ranges()) {
                    src.add(r.first());
                    src.add(r.last());
                }
                terms.add(new ServiceTerm(toArray(keys), toArray(src), false));
            }
        }
        if (!plain.isEmpty()) {
            terms.addFirst(new ServiceTerm(toArray(plain), null, false));
        }
        return terms;
    }

    private void expand(String name, List<ServiceObject> out, Set<String> visiting) {
        ServiceObject s = services.get(name);
        if (s != null) {
            out.add(s);
            return;
        }
        ServiceGroup g = groups.get(name);
        if (g != null && visiting.add(name)) {
            g.members().forEach(m -> expand(m, out, visiting));
            visiting.remove(name);
        }
    }

    static int protocolNumber(ServiceObject s) {
        return switch (s.protocol()) {
            case TCP -> AppPort.TCP;
            case UDP -> AppPort.UDP;
            case SCTP -> AppPort.SCTP;
        };
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
