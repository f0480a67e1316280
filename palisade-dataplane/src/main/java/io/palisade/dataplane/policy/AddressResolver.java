package io.palisade.dataplane.policy;

import io.palisade.config.model.AddressGroup;
import io.palisade.config.model.AddressObject;
import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.IpRange;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.route.IpInterval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves address references as rules write them: {@code any}, address objects, (nested) address groups, and
 * literal addresses, prefixes and ranges. The configuration has been validated, so every reference resolves; an
 * unresolvable one (which validation would have refused) contributes nothing rather than failing the commit.
 */
final class AddressResolver {
    private final Map<String, AddressObject> objects = new HashMap<>();
    private final Map<String, AddressGroup> groups = new HashMap<>();

    AddressResolver(PalisadeConfig config) {
        config.addresses().forEach(a -> objects.putIfAbsent(a.name(), a));
        config.addressGroups().forEach(g -> groups.putIfAbsent(g.name(), g));
    }

    /** The addresses a list of references covers; {@code any} anywhere means every address. */
    AddressSet resolve(List<String> references) {
        if (references.contains("any")) {
            return AddressSet.any();
        }
        List<IpInterval> out = new ArrayList<>();
        for (String ref : references) {
            collect(ref, out, new HashSet<>());
        }
        return AddressSet.of(out);
    }

    /** The intervals of references in the order written (pools keep their order). */
    List<IpInterval> intervals(List<String> references) {
        List<IpInterval> out = new ArrayList<>();
        for (String ref : references) {
            collect(ref, out, new HashSet<>());
        }
        return out;
    }

    private void collect(String ref, List<IpInterval> out, Set<String> visiting) {
        AddressObject object = objects.get(ref);
        if (object != null) {
            if (object.ipNetmask() != null) {
                out.add(IpInterval.of(object.ipNetmask()));
            } else if (object.ipRange() != null) {
                out.add(IpInterval.of(object.ipRange()));
            }
            return;
        }
        AddressGroup group = groups.get(ref);
        if (group != null) {
            // Validation refuses loops; the guard only keeps a bad configuration from recursing forever.
            if (visiting.add(ref)) {
                group.members().forEach(m -> collect(m, out, visiting));
                visiting.remove(ref);
            }
            return;
        }
        literal(ref, out);
    }

    private static void literal(String text, List<IpInterval> out) {
        try {
            out.add(text.contains("-") ? IpInterval.of(IpRange.parse(text)) : IpInterval.of(IpPrefix.parse(text)));
        } catch (IllegalArgumentException e) {
            // Not an address: validation reports it; the compiled rule simply does not cover it.
        }
    }
}
