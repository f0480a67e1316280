package io.palisade.dataplane.policy;

import io.palisade.config.model.SecurityRule;
import io.palisade.dataplane.route.IpBits;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled security rulebase: a bit-vector classifier over zones, source and destination address, protocol and
 * destination port, source port, application and user, plus a mask for {@code application-default} with application
 * {@code any} (which depends jointly on the application and the port). Immutable and shared by all workers.
 */
final class SecurityPolicy {
    private final Classifier core;
    private final LongDimension application;
    private final LongDimension user;
    /** Complement of the entries with "application any, service application-default"; null when there are none. */
    private final long[] notOwnApplicationDefault;

    private final ApplicationTable apps;
    private final UserDirectory users;
    private final int fallbackApp;

    private SecurityPolicy(
            Classifier core,
            LongDimension application,
            LongDimension user,
            long[] notOwnApplicationDefault,
            ApplicationTable apps,
            UserDirectory users) {
        this.core = core;
        this.application = application;
        this.user = user;
        this.notOwnApplicationDefault = notOwnApplicationDefault;
        this.apps = apps;
        this.users = users;
        this.fallbackApp = apps.id(ApplicationTable.UNKNOWN_IP);
    }

    static SecurityPolicy compile(PolicyContext ctx) {
        List<SecurityRule> rules = ctx.config().securityRules();
        Classifier.Builder builder = new Classifier.Builder(ctx.interfaces().zoneCount());
        DimensionBuilder appDim = new DimensionBuilder();
        DimensionBuilder userDim = new DimensionBuilder();
        List<Integer> ownDefault = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            SecurityRule r = rules.get(i);
            if (r.disabled()) {
                continue;
            }
            int[] from = ctx.zones(r.from());
            int[] to = ctx.zones(r.to());
            AddressSet src = ctx.addresses().resolve(r.source());
            AddressSet dst = ctx.addresses().resolve(r.destination());
            src = r.negateSource() ? src.complement() : src;
            dst = r.negateDestination() ? dst.complement() : dst;
            int[] userKeys = userKeys(r.sourceUser(), ctx.users());
            for (ServiceTerm term : ctx.services().security(r.service(), r.application(), ctx.apps())) {
                int e = builder.add(i, from, to, src, dst, term);
                addApplications(appDim, e, r.application(), ctx.apps());
                for (int k = 0; k < userKeys.length; k += 2) {
                    userDim.add(e, userKeys[k], userKeys[k + 1]);
                }
                if (term.ownApplicationDefault()) {
                    ownDefault.add(e);
                }
            }
        }
        int entries = builder.size();
        return new SecurityPolicy(
                builder.build(),
                appDim.narrow(entries),
                userDim.narrow(entries),
                complementMask(entries, ownDefault),
                ctx.apps(),
                ctx.users());
    }

    private static void addApplications(DimensionBuilder dim, int entry, List<String> names, ApplicationTable apps) {
        if (names.contains("any")) {
            dim.add(entry, 0, apps.size() - 1L);
            return;
        }
        for (String name : names) {
            int id = apps.id(name);
            if (id >= 0) {
                dim.add(entry, id, id);
            }
        }
    }

    /** A rule's user condition as key intervals, low and high interleaved. */
    private static int[] userKeys(List<String> sourceUser, UserDirectory users) {
        if (sourceUser.isEmpty() || sourceUser.contains("any")) {
            return new int[] {UserDirectory.UNKNOWN, Integer.MAX_VALUE};
        }
        if (sourceUser.contains("known-user")) {
            return new int[] {UserDirectory.OTHER_KNOWN, Integer.MAX_VALUE};
        }
        if (sourceUser.contains("unknown")) {
            return new int[] {UserDirectory.UNKNOWN, UserDirectory.UNKNOWN};
        }
        List<Integer> keys = new ArrayList<>();
        for (String name : sourceUser) {
            for (String u : users.expand(name)) {
                int k = users.register(u);
                keys.add(k);
                keys.add(k);
            }
        }
        return keys.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] complementMask(int entries, List<Integer> set) {
        if (set.isEmpty()) {
            return null;
        }
        long[] mask = new long[DimensionBuilder.wordsFor(entries)];
        java.util.Arrays.fill(mask, -1L);
        for (int e : set) {
            mask[e >>> 6] &= ~(1L << e);
        }
        return mask;
    }

    /**
     * The first matching rule's index, or {@code fallback} when none matches. Allocation-free; visits only the
     * classifier words where the zone pair has candidate rules.
     */
    int match(
            int fallback,
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
            int appId,
            String userName) {
        int pair = core.pairs.index(srcZone, dstZone);
        int[] words = core.pairs.words(pair);
        if (words.length == 0) {
            return fallback;
        }
        long[] srcBits;
        long[] dstBits;
        int srcRow;
        int dstRow;
        // Each dimension narrows the word window [low, high] to where its row has candidates.
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
            return fallback;
        }
        int svc = core.service.find(ApplicationTable.key(protocol, dstPort));
        int sport = core.sourcePort.find(Classifier.sourcePortKey(srcPort));
        int app = application.find(appId >= 0 && appId < apps.size() ? appId : fallbackApp);
        int usr = user.find(users.key(userName));
        low = Math.max(
                Math.max(low, core.service.firstWordAt(svc)),
                Math.max(
                        core.sourcePort.firstWordAt(sport),
                        Math.max(application.firstWordAt(app), user.firstWordAt(usr))));
        high = Math.min(
                Math.min(high, core.service.lastWordAt(svc)),
                Math.min(
                        core.sourcePort.lastWordAt(sport),
                        Math.min(application.lastWordAt(app), user.lastWordAt(usr))));
        if (low > high) {
            return fallback;
        }
        long[] svcBits = core.service.bits;
        int svcRow = core.service.rowBaseAt(svc);
        long[] sportBits = core.sourcePort.bits;
        int sportRow = core.sourcePort.rowBaseAt(sport);
        long[] appBits = application.bits;
        int appRow = application.rowBaseAt(app);
        long[] userBits = user.bits;
        int userRow = user.rowBaseAt(usr);
        long[] ownDefault = notOwnApplicationDefault != null && !apps.onDefaultPort(appId, protocol, dstPort)
                ? notOwnApplicationDefault
                : null;
        long[] pairMask = core.pairs.masks(pair);
        for (int k = Classifier.firstAtLeast(words, low); k < words.length && words[k] <= high; k++) {
            int w = words[k];
            long m = pairMask[k]
                    & srcBits[srcRow + w]
                    & dstBits[dstRow + w]
                    & svcBits[svcRow + w]
                    & sportBits[sportRow + w]
                    & appBits[appRow + w]
                    & userBits[userRow + w];
            if (ownDefault != null) {
                m &= ownDefault[w];
            }
            if (m != 0) {
                return core.results[(w << 6) + Long.numberOfTrailingZeros(m)];
            }
        }
        return fallback;
    }

    int entries() {
        return core.entries;
    }

    long bytes() {
        return core.bytes()
                + application.bytes()
                + user.bytes()
                + (notOwnApplicationDefault == null ? 0 : notOwnApplicationDefault.length * 8L);
    }
}
