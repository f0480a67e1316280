package io.palisade.dataplane.policy;

import io.palisade.config.model.NatDeviceBinding;
import io.palisade.config.model.NatRule;
import io.palisade.dataplane.nat.DestinationTranslator;
import io.palisade.dataplane.nat.NatEntry;
import io.palisade.dataplane.nat.NatTable;
import io.palisade.dataplane.nat.SourceTranslator;
import io.palisade.dataplane.route.IpBits;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled NAT rulebase: a bit-vector classifier over the original packet (ingress zone, egress zone of the
 * original destination, addresses, service) plus an active/active device-binding mask, returning an entry of the
 * {@link NatTable}. A bi-directional static rule adds its implicit reverse entry right after its own, matching
 * sessions from any zone towards the translated addresses. Immutable and shared by all workers.
 */
final class NatPolicy {
    /** Binding masks by {@code ownerDeviceId * 2 + (ownerIsPrimary ? 1 : 0)}; index 4 for any other device id. */
    private static final int OTHER_DEVICE = 4;

    private final Classifier core;
    private final long[][] bindingMasks;
    private final NatTable table;

    private NatPolicy(Classifier core, long[][] bindingMasks, NatTable table) {
        this.core = core;
        this.bindingMasks = bindingMasks;
        this.table = table;
    }

    static NatPolicy compile(PolicyContext ctx) {
        List<NatRule> rules = ctx.config().natRules();
        Classifier.Builder builder = new Classifier.Builder(ctx.interfaces().zoneCount());
        NatTranslators translators = new NatTranslators(ctx);
        List<NatEntry> entries = new ArrayList<>();
        List<NatDeviceBinding> bindings = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            NatRule r = rules.get(i);
            if (r.disabled()) {
                continue;
            }
            int[] from = ctx.zones(r.from());
            int[] to = ctx.zones(r.to());
            AddressSet src = ctx.addresses().resolve(r.source());
            AddressSet dst = ctx.addresses().resolve(r.destination());
            SourceTranslator source = translators.source(r, src);
            int forward = entries.size();
            entries.add(new NatEntry(i, r.name(), false, source, translators.destination(r)));
            for (ServiceTerm term : ctx.services().nat(r.service())) {
                builder.add(forward, from, to, src, dst, term);
                bindings.add(r.activeActiveDeviceBinding());
            }
            if (source instanceof SourceTranslator.StaticIp s && s.biDirectional()) {
                int reverse = entries.size();
                entries.add(
                        new NatEntry(i, r.name(), true, null, new DestinationTranslator.StaticReverse(s.mapping())));
                AddressSet pool = AddressSet.of(List.of(s.mapping().pool()));
                builder.add(reverse, null, to, AddressSet.any(), pool, ServiceTerm.ANY);
                bindings.add(r.activeActiveDeviceBinding());
            }
        }
        return new NatPolicy(builder.build(), bindingMasks(bindings), new NatTable(entries));
    }

    private static long[][] bindingMasks(List<NatDeviceBinding> bindings) {
        long[][] masks = new long[5][DimensionBuilder.wordsFor(bindings.size())];
        for (int e = 0; e < bindings.size(); e++) {
            NatDeviceBinding b = bindings.get(e);
            for (int slot = 0; slot < masks.length; slot++) {
                int device = slot == OTHER_DEVICE ? -2 : slot >>> 1;
                boolean primary = slot != OTHER_DEVICE && (slot & 1) == 1;
                if (applies(b, device, primary)) {
                    masks[slot][e >>> 6] |= 1L << e;
                }
            }
        }
        return masks;
    }

    /** PAN-OS binding: the rule applies when the session owner is the bound device (or is active-primary). */
    private static boolean applies(NatDeviceBinding b, int device, boolean primary) {
        if (b == null) {
            return true;
        }
        return switch (b) {
            case DEVICE_0 -> device == 0;
            case DEVICE_1 -> device == 1;
            case BOTH -> true;
            case PRIMARY -> primary;
        };
    }

    NatTable table() {
        return table;
    }

    int entries() {
        return core.entries;
    }

    long bytes() {
        return core.bytes() + bindingMasks.length * bindingMasks[0].length * 8L;
    }

    /** The first matching NAT entry, or {@link CompiledPolicy#NO_NAT}. Allocation-free. */
    int match(
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
        int pair = core.pairs.index(srcZone, dstZone);
        int[] words = core.pairs.words(pair);
        if (words.length == 0) {
            return CompiledPolicy.NO_NAT;
        }
        long[] pairMask = core.pairs.masks(pair);
        long[] srcBits;
        long[] dstBits;
        int srcRow;
        int dstRow;
        if (ipVersion == IpBits.V4) {
            srcBits = core.source.four.bits;
            srcRow = core.source.four.rowOffset(srcLo & IpBits.V4_MAX);
            dstBits = core.destination.four.bits;
            dstRow = core.destination.four.rowOffset(dstLo & IpBits.V4_MAX);
        } else if (ipVersion == IpBits.V6) {
            srcBits = core.source.six.bits;
            srcRow = core.source.six.rowOffset(srcHi, srcLo);
            dstBits = core.destination.six.bits;
            dstRow = core.destination.six.rowOffset(dstHi, dstLo);
        } else {
            return CompiledPolicy.NO_NAT;
        }
        long[] svcBits = core.service.bits;
        int svcRow = core.service.rowOffset(ApplicationTable.key(protocol, dstPort));
        long[] sportBits = core.sourcePort.bits;
        int sportRow = core.sourcePort.rowOffset(Classifier.sourcePortKey(srcPort));
        long[] binding = ownerDeviceId < 0
                ? null
                : bindingMasks[ownerDeviceId <= 1 ? ownerDeviceId * 2 + (ownerIsPrimary ? 1 : 0) : OTHER_DEVICE];
        for (int k = 0; k < words.length; k++) {
            int w = words[k];
            long m = pairMask[k]
                    & srcBits[srcRow + w]
                    & dstBits[dstRow + w]
                    & svcBits[svcRow + w]
                    & sportBits[sportRow + w];
            if (binding != null) {
                m &= binding[w];
            }
            if (m != 0) {
                return core.results[(w << 6) + Long.numberOfTrailingZeros(m)];
            }
        }
        return CompiledPolicy.NO_NAT;
    }
}
