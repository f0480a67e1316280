package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.AppPort;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.nat.NatEntry;
import io.palisade.dataplane.route.Ip;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled classifiers against {@link LinearReference} over random valid policies and random sessions, with fixed
 * seeds: any difference is a bug in one of two independent readings of the semantics.
 */
class ClassifierDifferentialTest {
    private static final int PACKETS = 1500;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void securityMatchEqualsLinearReference(long seed) {
        Random r = new Random(seed * 7919);
        PalisadeConfig config =
                TestConfigs.config(new RandomPolicy(seed, false).yaml(1 + r.nextInt(seed % 4 == 0 ? 700 : 150), 0));
        CompiledPolicy compiled = CompiledPolicy.compile(config);
        LinearReference reference = new LinearReference(config);
        for (int i = 0; i < PACKETS; i++) {
            LinearReference.Packet p = packet(r, compiled);
            Ip s = Ip.of(p.src());
            Ip d = Ip.of(p.dst());
            int index = compiled.matchSecurity(
                    compiled.zoneId(p.fromZone()),
                    compiled.zoneId(p.toZone()),
                    s.version(),
                    s.hi(),
                    s.lo(),
                    d.hi(),
                    d.lo(),
                    p.protocol(),
                    p.srcPort(),
                    p.dstPort(),
                    compiled.applications().id(p.app()),
                    p.user());
            assertThat(compiled.ruleName(index))
                    .as("seed %d packet %s", seed, p)
                    .isEqualTo(reference.security(p));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110})
    void natMatchEqualsLinearReference(long seed) {
        Random r = new Random(seed * 104729);
        boolean activeActive = seed % 2 == 0;
        PalisadeConfig config = TestConfigs.config(new RandomPolicy(seed, activeActive).yaml(1, 1 + r.nextInt(60)));
        CompiledPolicy compiled = CompiledPolicy.compile(config);
        LinearReference reference = new LinearReference(config);
        for (int i = 0; i < PACKETS; i++) {
            LinearReference.Packet p = packet(r, compiled);
            int owner = activeActive ? r.nextInt(3) - 1 : -1;
            boolean primary = r.nextBoolean();
            Ip s = Ip.of(p.src());
            Ip d = Ip.of(p.dst());
            int id = compiled.matchNat(
                    compiled.zoneId(p.fromZone()),
                    compiled.zoneId(p.toZone()),
                    s.version(),
                    s.hi(),
                    s.lo(),
                    d.hi(),
                    d.lo(),
                    p.protocol(),
                    p.srcPort(),
                    p.dstPort(),
                    owner,
                    primary);
            String actual = "none";
            if (id != CompiledPolicy.NO_NAT) {
                NatEntry e = compiled.natTable().entry(id);
                actual = e.ruleName() + (e.reverse() ? "+reverse" : "");
            }
            assertThat(actual)
                    .as("seed %d owner %d primary %s packet %s", seed, owner, primary, p)
                    .isEqualTo(reference.nat(p, owner, primary));
        }
    }

    private static LinearReference.Packet packet(Random r, CompiledPolicy compiled) {
        boolean six = r.nextInt(4) == 0;
        String src = address(r, six);
        String dst = address(r, six);
        int protocol = List.of(AppPort.TCP, AppPort.TCP, AppPort.UDP, AppPort.UDP, AppPort.ICMP)
                .get(r.nextInt(5));
        int dstPort = switch (r.nextInt(4)) {
            case 0 -> r.nextInt(65536);
            case 1 -> List.of(22, 53, 80, 443, 8, 95).get(r.nextInt(6));
            default -> r.nextInt(100);
        };
        int srcPort = r.nextInt(10) == 0 ? -1 : r.nextBoolean() ? 998 + r.nextInt(16) : r.nextInt(65536);
        String app = r.nextInt(10) < 7
                ? compiled.applications().name(compiled.identifyApplication(protocol, dstPort))
                : List.of("ssh", "dns", "web-browsing", "ssl", "app-x", "ping", "unknown-tcp")
                        .get(r.nextInt(7));
        String user = switch (r.nextInt(7)) {
            case 0 -> null;
            case 1 -> "stranger";
            default -> RandomPolicy.USERS.get(r.nextInt(RandomPolicy.USERS.size()));
        };
        return new LinearReference.Packet(
                RandomPolicy.ZONES.get(r.nextInt(3)),
                RandomPolicy.ZONES.get(r.nextInt(3)),
                Ip.parse(src).toInetAddress(),
                Ip.parse(dst).toInetAddress(),
                protocol,
                srcPort,
                dstPort,
                app,
                user);
    }

    private static String address(Random r, boolean six) {
        if (six) {
            return "2001:db8::" + Integer.toHexString(r.nextInt(300));
        }
        return RandomPolicy.v4(r.nextInt(1100));
    }
}
