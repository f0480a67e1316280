package io.palisade.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.AppPort;
import io.palisade.dataplane.nat.NatResult;
import io.palisade.dataplane.nat.NatWorkerState;
import io.palisade.dataplane.nat.PortChooser;
import io.palisade.dataplane.route.Ip;
import io.palisade.dataplane.route.RouteLookup;
import io.palisade.dataplane.route.RouteTable;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The slow-path calls the engine makes per new session allocate nothing: security and NAT match, translation with a
 * port chooser, release, and route lookup. Measured with the JVM's per-thread allocation counter after a warm-up.
 */
class AllocationFreeTest {
    private static final int CALLS = 20_000;

    /** Mutable chooser as the engine would keep one per worker. */
    private static final class EvenPorts implements PortChooser {
        @Override
        public boolean accept(int ipVersion, long addressHi, long addressLo, int port) {
            return (port & 1) == 0;
        }
    }

    @Test
    void slowPathCallsDoNotAllocate() {
        CompiledPolicy p = CompiledPolicy.compile(SyntheticPolicy.config(300));
        NatWorkerState nat = NatWorkerState.create(p.natTable(), 0, 1, null);
        NatResult out = new NatResult();
        RouteTable routes = p.routes();
        RouteLookup route = new RouteLookup();
        PortChooser chooser = new EvenPorts();
        int trust = p.zoneId(SyntheticPolicy.TRUST);
        int untrust = p.zoneId(SyntheticPolicy.UNTRUST);
        long dst = SyntheticPolicy.destination().lo();
        long[] sources = new long[300];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = SyntheticPolicy.sourceOf(i, 9).lo();
        }
        Ip v6 = Ip.parse("2001:db8::1");
        long checksum = 0;
        long before = 0;
        for (int round = 0; round < 2; round++) {
            // Round 0 warms up (class loading, linkage of pattern switches); round 1 is measured.
            before = allocatedBytes();
            for (int k = 0; k < CALLS; k++) {
                int i = k % sources.length;
                int port = SyntheticPolicy.destinationPortOf(i);
                int app = p.identifyApplication(AppPort.TCP, port);
                checksum += p.matchSecurity(trust, untrust, 4, 0, sources[i], 0, dst, AppPort.TCP, port, app, "u");
                checksum += p.matchSecurity(trust, untrust, 6, v6.hi(), v6.lo(), v6.hi(), v6.lo(), 17, 53, app, null);
                int natId = p.matchNat(trust, untrust, 4, 0, sources[i], 0, dst, AppPort.TCP, port, -1, false);
                if (nat.translate(natId, 4, 0, sources[i], 40000, 0, dst, port, chooser, out)) {
                    checksum += out.srcPort();
                    nat.releasePort(4, out.srcHi(), out.srcLo(), out.srcPort());
                }
                if (routes.lookup(4, 0, dst, route)) {
                    checksum += route.interfaceId();
                }
            }
        }
        long allocated = allocatedBytes() - before;
        assertThat(checksum).isNotZero();
        assertThat(allocated)
                .as("bytes allocated by %d slow-path rounds", CALLS)
                .isLessThan(1024);
    }

    private static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getCurrentThreadAllocatedBytes();
    }
}
