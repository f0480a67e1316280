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
        long[] srcBits;
        long[] dstBits;
        int srcRow;
        int dstRow;
        int low;
        int high;
        if (ipVersion == IpBits.V4) {
            LongDimension s = core.source.four;
            LongDimension d = core.destination.four;
            int si = s.find(srcLo & IpBits.V4_MAX);
            int di = d.find(dstLo & IpBits.V4_MAX);
            srcBits = s.bits;
            srcRow = s.rowBaseAt(si);
            dstBits = d.bits;
            dstRow = d.rowBaseAt(di);
            low = Math.max(s.firstWordAt(si), d.firstWordAt(di));
            high = Math.min(s.lastWordAt(si), d.lastWordAt(di));
        } else if (ipVersion == IpBits.V6) {
            WideDimension s = core.source.six;
            WideDimension d = core.destination.six;
            int si = s.find(srcHi, srcLo);
            int di = d.find(dstHi, dstLo);
            srcBits = s.bits;
            srcRow = s.rowBaseAt(si);
            dstBits = d.bits;
            dstRow = d.rowBaseAt(di);
            low = Math.max(s.firstWordAt(si), d.firstWordAt(di));
            high = Math.min(s.lastWordAt(si), d.lastWordAt(di));
        } else {
            return CompiledPolicy.NO_NAT;
        }
        int svc = core.service.find(ApplicationTable.key(protocol, dstPort));
        int sport = core.sourcePort.find(Classifier.sourcePortKey(srcPort));
        low = Math.max(low, Math.max(core.service.firstWordAt(svc), core.sourcePort.firstWordAt(sport)));
        high = Math.min(high, Math.min(core.service.lastWordAt(svc), core.sourcePort.lastWordAt(sport)));
        if (low > high) {
            return CompiledPolicy.NO_NAT;
        }
        long[] svcBits = core.service.bits;
        int svcRow = core.service.rowBaseAt(svc);
        long[] sportBits = core.sourcePort.bits;
        int sportRow = core.sourcePort.rowBaseAt(sport);
        long[] binding = ownerDeviceId < 0
                ? null
                : bindingMasks[ownerDeviceId <= 1 ? ownerDeviceId * 2 + (ownerIsPrimary ? 1 : 0) : OTHER_DEVICE];
        long[] pairMask = core.pairs.masks(pair);
        for (int k = Classifier.firstAtLeast(words, low); k < words.length && words[k] <= high; k++) {
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
