package io.palisade.ha.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.config.model.HaMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two machines against each other over random fault sequences (fixed seeds, so a failure replays). After every
 * delivery and timer run: forwarding matches the state, every transition is in the {@link TransitionTable}, and
 * once hellos have flowed both ways since the last disruption there are never two nodes in the top role. At the
 * end, with every fault healed, the pair converges to exactly one top node and one standby.
 */
class RandomizedPairTest {
    private static final int EVENTS = 1_500;

    @ParameterizedTest(name = "active/passive seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void activePassive(long seed) {
        new Scenario(seed, HaMode.ACTIVE_PASSIVE).run();
    }

    @ParameterizedTest(name = "active/active seed {0}")
    @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108})
    void activeActive(long seed) {
        new Scenario(seed, HaMode.ACTIVE_ACTIVE).run();
    }

    private static final class Scenario {
        private final long seed;
        private final HaMode mode;
        private final Random random;
        private final PairHarness h;
        private final HaState top;
        private final List<String> events = new ArrayList<>();
        private final boolean[] helloSeen = new boolean[2]; // a heard b, b heard a, since the last disruption
        private final int[] historyChecked = new int[2];

        Scenario(long seed, HaMode mode) {
            this.seed = seed;
            this.mode = mode;
            this.random = new Random(seed);
            this.top = mode == HaMode.ACTIVE_ACTIVE ? HaState.ACTIVE_PRIMARY : HaState.ACTIVE;
            h = new PairHarness(config(0), config(1), false);
        }

        private UnaryOperator<HaMachineConfig.Builder> config(int deviceId) {
            int priority = List.of(50, 100, 100, 150).get(random.nextInt(4));
            boolean preemptive = random.nextBoolean();
            int flapMax = random.nextBoolean() ? 3 : 0;
            return b -> b.mode(mode)
                    .deviceId(deviceId)
                    .priority(priority)
                    .preemptive(preemptive)
                    .timers(Fixture.timers(5_000, flapMax))
                    .monitorFailHoldDownMs(5_000)
                    .tentativeHoldMs(10_000)
                    .peerNegotiationTimeoutMs(10_000);
        }

        void run() {
            try {
                h.invariant = x -> check();
                bootBoth();
                for (int i = 0; i < EVENTS; i++) {
                    randomEvent();
                }
                healEverything();
                assertConverged();
                System.out.printf(
                        "seed %d %s: %d events, boots %d, transitions %d, split brain %d, preemptions %d, flaps %d,"
                                + " stalls %d, peer failures %d%n",
                        seed,
                        mode,
                        events.size(),
                        h.a.machines.size() + h.b.machines.size(),
                        total(HaCounter.STATE_TRANSITION),
                        total(HaCounter.SPLIT_BRAIN_DETECTED),
                        total(HaCounter.PREEMPT_REQUEST_ACCEPTED),
                        total(HaCounter.FLAP),
                        total(HaCounter.LOCAL_STALL),
                        total(HaCounter.PEER_DECLARED_FAILED));
            } catch (AssertionError e) {
                int from = Math.max(0, events.size() - 40);
                throw new AssertionError(
                        "seed " + seed + " " + mode + ", last events:\n  "
                                + String.join("\n  ", events.subList(from, events.size())),
                        e);
            }
        }

        private long total(HaCounter counter) {
            return h.a.total(counter) + h.b.total(counter);
        }

        private void bootBoth() {
            h.boot(h.a);
            h.boot(h.b);
            disruption("boot");
        }

        private void randomEvent() {
            PairHarness.Node n = random.nextBoolean() ? h.a : h.b;
            int pick = random.nextInt(100);
            if (pick < 45) {
                long ms = 50 + random.nextInt(3_000);
                h.run(ms);
                log("run " + ms);
            } else if (pick < 55) {
                HaPath p = HaPath.values()[random.nextInt(3)];
                if (h.pathsUp.contains(p)) {
                    h.cut(p);
                } else {
                    h.restore(p);
                }
                disruption("toggle " + p);
            } else if (pick < 58) {
                if (h.pathsUp.isEmpty()) {
                    h.restoreAll();
                } else {
                    h.cutAll();
                }
                disruption("toggle all paths");
            } else if (pick < 63) {
                if (!n.down && !h.a.paused && !h.b.paused) {
                    h.pause(n);
                    disruption("pause " + n.serial);
                    long ms = 500 + random.nextInt(8_000);
                    h.run(ms);
                    h.resume(n);
                    disruption("resume " + n.serial + " after " + ms);
                }
            } else if (pick < 71) {
                MonitorVerdict v = random.nextBoolean() ? MonitorVerdict.failed("link") : MonitorVerdict.healthy();
                if (!n.down) {
                    n.m.onLinkMonitoring(v, h.now());
                    h.pump();
                    log(n.serial + " link " + (v.failed() ? "down" : "up"));
                }
            } else if (pick < 75) {
                MonitorVerdict v = random.nextInt(3) == 0 ? MonitorVerdict.failed("dp") : MonitorVerdict.healthy();
                if (!n.down) {
                    n.m.onDataplaneHealth(v, h.now());
                    h.pump();
                    log(n.serial + " dataplane " + (v.failed() ? "down" : "up"));
                }
            } else if (pick < 80) {
                if (!n.down) {
                    if (n.state() == HaState.SUSPENDED) {
                        n.m.functional(h.now());
                    } else {
                        n.m.suspend(h.now());
                    }
                    h.pump();
                    log(n.serial + " suspend/functional -> " + n.state());
                }
            } else if (pick < 85) {
                if (n.down) {
                    h.boot(n);
                    disruption("boot " + n.serial);
                } else if (!n.paused) {
                    h.crash(n);
                    disruption("crash " + n.serial);
                }
            } else if (pick < 88) {
                if (!n.down && !n.paused) {
                    h.shutdown(n);
                    disruption("shutdown " + n.serial);
                }
            } else if (pick < 92) {
                h.ha2Up = !h.ha2Up;
                log("ha2 " + (h.ha2Up ? "up" : "down"));
            } else {
                long ms = 10_000 + random.nextInt(60_000);
                h.run(ms, 250);
                log("run " + ms);
            }
        }

        private void healEverything() {
            if (h.a.paused) {
                h.resume(h.a);
            }
            if (h.b.paused) {
                h.resume(h.b);
            }
            h.restoreAll();
            h.ha2Up = true;
            for (PairHarness.Node n : List.of(h.a, h.b)) {
                if (n.down) {
                    h.boot(n);
                }
                n.m.onLinkMonitoring(MonitorVerdict.healthy(), h.now());
                n.m.onDataplaneHealth(MonitorVerdict.healthy(), h.now());
                n.m.functional(h.now());
                if (!n.m.bulkSyncComplete()) {
                    n.m.onBulkSyncComplete(h.now()); // a sync requested while HA2 was down is retried by the agent
                }
            }
            disruption("heal");
            h.pump();
            h.run(600_000, 500);
        }

        private void assertConverged() {
            List<HaState> states = List.of(h.a.state(), h.b.state());
            HaState standby = mode == HaMode.ACTIVE_ACTIVE ? HaState.ACTIVE_SECONDARY : HaState.PASSIVE;
            assertThat(states).as("converged").containsExactlyInAnyOrder(top, standby);
        }

        private void disruption(String what) {
            helloSeen[0] = false;
            helloSeen[1] = false;
            log(what);
        }

        private void log(String what) {
            events.add(String.format("%8d ms %s: %s / %s", h.now() / 1_000_000 - 1_000_000, what, h.a, h.b));
        }

        private void check() {
            for (int i = 0; i < 2; i++) {
                PairHarness.Node n = i == 0 ? h.a : h.b;
                if (n.m == null) {
                    continue;
                }
                HaState s = n.m.state();
                ForwardingMode f = n.m.forwarding();
                assertThat(f == ForwardingMode.FORWARD ? s.isActive() : true)
                        .as("%s forwards in %s", n.serial, s)
                        .isTrue();
                assertThat(f == ForwardingMode.SEND_TO_PEER).isEqualTo(s == HaState.TENTATIVE);
                List<HaTransition> history = n.m.history();
                for (int k = Math.min(historyChecked[i], history.size()); k < history.size(); k++) {
                    HaTransition t = history.get(k);
                    assertThat(TransitionTable.allows(
                                    t.from(), t.to(), t.reason().code()))
                            .as("%s transition %s", n.serial, t)
                            .isTrue();
                }
                historyChecked[i] = history.size();
                if (n.m != machines[i]) {
                    machines[i] = n.m; // rebooted: a new machine with new counters
                    lastHellos[i] = 0;
                    historyChecked[i] = 0;
                }
                long heard = n.m.counters().get(HaCounter.HELLO_RECEIVED);
                if (heard > lastHellos[i]) {
                    helloSeen[i] = true;
                }
                lastHellos[i] = heard;
            }
            if (helloSeen[0] && helloSeen[1] && !h.a.down && !h.b.down) {
                assertThat(h.a.state() == top && h.b.state() == top)
                        .as("two nodes in %s after hellos flowed both ways", top.displayName())
                        .isFalse();
            }
        }

        private final long[] lastHellos = new long[2];
        private final HaStateMachine[] machines = new HaStateMachine[2];
    }
}
