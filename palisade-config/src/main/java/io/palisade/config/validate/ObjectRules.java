package io.palisade.config.validate;

import io.palisade.config.model.AddressGroup;
import io.palisade.config.model.AddressObject;
import io.palisade.config.model.ApplicationDef;
import io.palisade.config.model.ServiceGroup;
import io.palisade.config.model.ServiceObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Address objects and groups, services and groups, applications, User-ID. */
final class ObjectRules {
    private ObjectRules() {}

    static void check(Checks c) {
        var cfg = c.config;
        List<Named> addressSpace = new ArrayList<>();
        named(cfg.addresses(), AddressObject::name, "addresses", addressSpace);
        named(cfg.addressGroups(), AddressGroup::name, "address-groups", addressSpace);
        uniqueAcross(c, addressSpace, "address");
        List<Named> serviceSpace = new ArrayList<>();
        named(cfg.services(), ServiceObject::name, "services", serviceSpace);
        named(cfg.serviceGroups(), ServiceGroup::name, "service-groups", serviceSpace);
        uniqueAcross(c, serviceSpace, "service");
        c.unique(cfg.applications(), ApplicationDef::name, "applications", "application");
        c.unique(cfg.userId().groups(), g -> g.name(), "user-id.groups", "user group");
        addresses(c);
        groups(
                c,
                cfg.addressGroups(),
                AddressGroup::name,
                AddressGroup::members,
                "address-groups",
                c.addressNames,
                cfg.addressGroups().stream().map(AddressGroup::name).toList());
        services(c);
        groups(
                c,
                cfg.serviceGroups(),
                ServiceGroup::name,
                ServiceGroup::members,
                "service-groups",
                c.serviceNames,
                cfg.serviceGroups().stream().map(ServiceGroup::name).toList());
        applications(c);
        users(c);
    }

    private record Named(String name, String path) {}

    private static <T> void named(List<T> items, Function<T, String> name, String path, List<Named> out) {
        for (int i = 0; i < items.size(); i++) {
            out.add(new Named(name.apply(items.get(i)), path + "[" + i + "].name"));
        }
    }

    /** Objects and groups share one namespace, as in PAN-OS. */
    private static void uniqueAcross(Checks c, List<Named> all, String what) {
        Map<String, String> first = new HashMap<>();
        for (Named n : all) {
            if (n.name() == null) {
                continue;
            }
            c.objectName(n.name(), n.path(), "an " + what + " object");
            String earlier = first.putIfAbsent(n.name(), n.path());
            if (earlier != null) {
                c.problem(n.path(), what + " name '" + n.name() + "' is defined twice (first at " + earlier + ")");
            }
        }
    }

    private static void addresses(Checks c) {
        var list = c.config.addresses();
        for (int i = 0; i < list.size(); i++) {
            AddressObject a = list.get(i);
            int kinds = (a.ipNetmask() != null ? 1 : 0) + (a.ipRange() != null ? 1 : 0);
            if (kinds != 1) {
                c.problem(
                        "addresses[" + i + "]",
                        "address " + a.name() + " needs exactly one of ip-netmask or ip-range"
                                + (kinds == 2 ? ", not both" : ""));
            }
        }
    }

    private static <T> void groups(
            Checks c,
            List<T> groups,
            Function<T, String> name,
            Function<T, List<String>> members,
            String path,
            Set<String> known,
            List<String> groupNames) {
        Map<String, List<String>> graph = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            T g = groups.get(i);
            String p = path + "[" + i + "]";
            if (members.apply(g).isEmpty()) {
                c.problem(p + ".members", "group " + name.apply(g) + " has no members");
            }
            for (int j = 0; j < members.apply(g).size(); j++) {
                String m = members.apply(g).get(j);
                if (!known.contains(m)) {
                    c.problem(
                            p + ".members[" + j + "]",
                            "'" + m + "' is not a defined object or group"
                                    + io.palisade.config.bind.Names.didYouMean(m, known));
                }
            }
            graph.put(name.apply(g), members.apply(g));
        }
        for (int i = 0; i < groups.size(); i++) {
            String start = name.apply(groups.get(i));
            List<String> loop = findLoop(start, graph, groupNames);
            if (loop != null) {
                c.problem(path + "[" + i + "].members", "group loop: " + String.join(" -> ", loop));
            }
        }
    }

    /** A path of group names that leads back to {@code start}, or null. */
    private static List<String> findLoop(String start, Map<String, List<String>> graph, List<String> groupNames) {
        List<String> trail = new ArrayList<>();
        trail.add(start);
        return walk(start, start, graph, new HashSet<>(groupNames), trail, new HashSet<>());
    }

    private static List<String> walk(
            String start,
            String at,
            Map<String, List<String>> graph,
            Set<String> groups,
            List<String> trail,
            Set<String> seen) {
        for (String m : graph.getOrDefault(at, List.of())) {
            if (m.equals(start)) {
                List<String> loop = new ArrayList<>(trail);
                loop.add(start);
                return loop;
            }
            if (groups.contains(m) && seen.add(m)) {
                trail.add(m);
                List<String> found = walk(start, m, graph, groups, trail, seen);
                if (found != null) {
                    return found;
                }
                trail.removeLast();
            }
        }
        return null;
    }

    private static void services(Checks c) {
        var list = c.config.services();
        for (int i = 0; i < list.size(); i++) {
            ServiceObject s = list.get(i);
            if (s.destinationPort() != null
                    && s.destinationPort().ranges().stream().anyMatch(r -> r.first() == 0)) {
                c.problem("services[" + i + "].destination-port", "port 0 is not a valid destination port");
            }
        }
    }

    private static void applications(Checks c) {
        var list = c.config.applications();
        for (int i = 0; i < list.size(); i++) {
            ApplicationDef a = list.get(i);
            String p = "applications[" + i + "]";
            c.objectName(a.name(), p + ".name", "an application");
            if (a.defaultPorts().isEmpty()) {
                c.problem(p + ".default-ports", "application " + a.name() + " needs at least one default port");
            }
            if (a.timeoutS() != null) {
                c.range(a.timeoutS(), 1, 15_999_999, p + ".timeout-s", "application timeout (s)");
            }
        }
    }

    private static void users(Checks c) {
        var mappings = c.config.userId().mappings();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < mappings.size(); i++) {
            var m = mappings.get(i);
            if (m.ip() == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(m.ip().getHostAddress(), i);
            if (first != null) {
                c.problem(
                        "user-id.mappings[" + i + "].ip",
                        m.ip().getHostAddress() + " is mapped twice (first at user-id.mappings[" + first + "])");
            }
        }
        var groups = c.config.userId().groups();
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).members().isEmpty()) {
                c.problem(
                        "user-id.groups[" + i + "].members",
                        "user group " + groups.get(i).name() + " has no members");
            }
        }
    }
}
