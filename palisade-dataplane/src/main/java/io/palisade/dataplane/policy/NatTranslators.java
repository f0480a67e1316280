package io.palisade.dataplane.policy;

import io.palisade.config.model.IpPrefix;
import io.palisade.config.model.NatRule;
import io.palisade.dataplane.nat.AddressPool;
import io.palisade.dataplane.nat.DestinationTranslator;
import io.palisade.dataplane.nat.SourceTranslator;
import io.palisade.dataplane.nat.StaticMapping;
import io.palisade.dataplane.route.Ip;
import io.palisade.dataplane.route.IpInterval;
import java.util.ArrayList;
import java.util.List;

/** Builds the translators of NAT rules from their configuration. */
final class NatTranslators {
    private final PolicyContext ctx;

    NatTranslators(PolicyContext ctx) {
        this.ctx = ctx;
    }

    /** The source translator of a rule, or null; {@code ruleSource} is the rule's resolved source addresses. */
    SourceTranslator source(NatRule rule, AddressSet ruleSource) {
        NatRule.SourceTranslation st = rule.sourceTranslation();
        if (st == null) {
            return null;
        }
        return switch (st.type()) {
            case DYNAMIC_IP_AND_PORT ->
                new SourceTranslator.DynamicIpAndPort(
                        st.interfaceName() != null
                                ? interfacePool(st.interfaceName())
                                : AddressPool.of(ctx.addresses().intervals(st.translatedAddresses())));
            case DYNAMIC_IP ->
                new SourceTranslator.DynamicIp(AddressPool.of(ctx.addresses().intervals(st.translatedAddresses())));
            case STATIC_IP -> staticIp(st, ruleSource);
        };
    }

    /** PAN-OS uses the interface's (first) address; one per IP version so both versions can be translated. */
    private AddressPool interfacePool(String interfaceName) {
        List<IpInterval> firstPerVersion = new ArrayList<>();
        boolean four = false;
        boolean six = false;
        for (IpPrefix p : ctx.interfaces().addresses(ctx.interfaces().id(interfaceName))) {
            Ip a = Ip.of(p.address());
            if (p.isIpv4() ? !four : !six) {
                firstPerVersion.add(IpInterval.of(a));
                four |= p.isIpv4();
                six |= !p.isIpv4();
            }
        }
        return AddressPool.of(firstPerVersion);
    }

    private SourceTranslator staticIp(NatRule.SourceTranslation st, AddressSet ruleSource) {
        List<IpInterval> pool = ctx.addresses().intervals(st.translatedAddresses());
        if (pool.isEmpty()) {
            return null;
        }
        IpInterval target = pool.getFirst();
        List<IpInterval> sameVersion = ruleSource.intervals(target.version());
        // The lowest original address maps to the first pool address; "any" source maps from address zero.
        Ip base = sameVersion.isEmpty()
                ? Ip.min(target.version())
                : sameVersion.getFirst().first();
        return new SourceTranslator.StaticIp(new StaticMapping(base, target), st.biDirectional());
    }

    /** The destination translator of a rule, or null. */
    DestinationTranslator destination(NatRule rule) {
        NatRule.DestinationTranslation dt = rule.destinationTranslation();
        if (dt == null || dt.translatedAddress() == null) {
            return null;
        }
        List<IpInterval> to = ctx.addresses().intervals(List.of(dt.translatedAddress()));
        if (to.isEmpty()) {
            return null;
        }
        int port = dt.translatedPort() == null ? DestinationTranslator.KEEP_PORT : dt.translatedPort();
        return new DestinationTranslator.ToAddress(to.getFirst(), port);
    }
}
