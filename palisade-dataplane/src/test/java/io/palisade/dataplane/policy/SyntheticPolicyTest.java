package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.AppPort;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.nat.NatResult;
import io.palisade.dataplane.nat.NatWorkerState;
import io.palisade.dataplane.route.Ip;
import org.junit.jupiter.api.Test;

/** The benchmark policy generator produces valid configurations whose rules match as documented. */
class SyntheticPolicyTest {
    @Test
    void everyRuleMatchesItsOwnSubnetAndPortAndSourceNatApplies() {
        int rules = 1000;
        PalisadeConfig config = SyntheticPolicy.config(rules);
        CompiledPolicy p = CompiledPolicy.compile(config);
        assertThat(config.securityRules()).hasSize(rules);
        int trust = p.zoneId(SyntheticPolicy.TRUST);
        int untrust = p.zoneId(SyntheticPolicy.UNTRUST);
        Ip dst = SyntheticPolicy.destination();
        NatWorkerState nat = NatWorkerState.create(p.natTable(), 0, 1, null);
        NatResult out = new NatResult();
        Ip poolFirst = Ip.parse(SyntheticPolicy.POOL_FIRST);
        for (int i = 0; i < rules; i++) {
            Ip src = SyntheticPolicy.sourceOf(i, 1 + i % 254);
            int port = SyntheticPolicy.destinationPortOf(i);
            int app = p.identifyApplication(AppPort.TCP, port);
            int rule = p.matchSecurity(trust, untrust, 4, 0, src.lo(), 0, dst.lo(), AppPort.TCP, port, app, null);
            assertThat(rule).isEqualTo(i);
            int natId = p.matchNat(trust, untrust, 4, 0, src.lo(), 0, dst.lo(), AppPort.TCP, port, -1, false);
            assertThat(natId).isNotEqualTo(CompiledPolicy.NO_NAT);
            assertThat(nat.translate(natId, 4, 0, src.lo(), 40000, 0, dst.lo(), port, null, out))
                    .isTrue();
            assertThat(out.srcLo() - poolFirst.lo()).isBetween(0L, SyntheticPolicy.POOL_SIZE - 1L);
        }
        Ip other = SyntheticPolicy.sourceOf(5, 9);
        int wrongPort = SyntheticPolicy.destinationPortOf(6);
        assertThat(p.matchSecurity(trust, untrust, 4, 0, other.lo(), 0, dst.lo(), AppPort.TCP, wrongPort, 0, null))
                .isEqualTo(CompiledPolicy.INTERZONE_DEFAULT);
        assertThat(p.stats().securityEntries()).isEqualTo(rules);
        assertThat(p.stats().securityBytes()).isPositive();
    }

    @Test
    void perSubnetNatRulesPrecedeTheCatchAll() {
        CompiledPolicy p = CompiledPolicy.compile(SyntheticPolicy.config(10, 5));
        int trust = p.zoneId(SyntheticPolicy.TRUST);
        int untrust = p.zoneId(SyntheticPolicy.UNTRUST);
        Ip dst = SyntheticPolicy.destination();
        for (int i = 0; i < 10; i++) {
            Ip src = SyntheticPolicy.sourceOf(i, 7);
            int natId = p.matchNat(trust, untrust, 4, 0, src.lo(), 0, dst.lo(), AppPort.TCP, 80, -1, false);
            assertThat(p.natTable().entry(natId).ruleName()).isEqualTo("snat-" + Math.min(i, 4));
        }
    }
}
