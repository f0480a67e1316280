package io.palisade.linux.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.Sockets;
import io.palisade.testkit.netns.Namespace;
import io.palisade.testkit.netns.NetnsLab;
import io.palisade.testkit.netns.RequiresNetns;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RequiresNetns
class NetNamespaceNetnsIT {
    static NetnsLab lab;
    static Namespace inner;

    @BeforeAll
    static void topology() {
        lab = NetnsLab.create();
        inner = lab.namespace("inner");
        lab.veth(inner, "only0", inner, "only1");
    }

    @AfterAll
    static void cleanup() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aThreadInsideSeesTheNamespacesInterfacesWhileOthersStayOutside() throws Exception {
        String outside = NetNamespace.currentId();
        String expected = lab.exec(inner, Duration.ofSeconds(5), "readlink", "/proc/self/ns/net")
                .orThrow()
                .stdout()
                .strip();
        String seenInside = NetNamespace.call(inner.name(), NetNamespace::currentId);
        int indexInside = NetNamespace.call(inner.name(), () -> Sockets.interfaceIndex("only0", "lookup"));

        assertThat(seenInside).isEqualTo(expected).isNotEqualTo(outside);
        assertThat(indexInside).isPositive();
        assertThat(NetNamespace.currentId())
                .as("the calling thread never moved")
                .isEqualTo(outside);
        assertThatThrownBy(() -> Sockets.interfaceIndex("only0", "lookup")).isInstanceOf(LinuxIoException.class);
    }

    @Test
    void enterMovesOnlyTheCallingThreadAndCloseMovesItBack() throws Exception {
        String outside = NetNamespace.currentId();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        CompletableFuture<String[]> ids = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                String inside;
                try (NetNamespace.Entered ignored = NetNamespace.enter(inner.name())) {
                    inside = NetNamespace.currentId();
                    entered.countDown();
                    checked.await(5, TimeUnit.SECONDS);
                }
                ids.complete(new String[] {inside, NetNamespace.currentId()});
            } catch (Exception e) {
                ids.completeExceptionally(e);
            }
        });
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(NetNamespace.currentId()).isEqualTo(outside);
        checked.countDown();
        String[] seen = ids.get(5, TimeUnit.SECONDS);
        worker.join();
        assertThat(seen[0]).isNotEqualTo(outside);
        assertThat(seen[1]).isEqualTo(outside);
    }

    @Test
    void aStartedThreadRunsInsideUntilItEnds() throws Exception {
        CompletableFuture<String> id = new CompletableFuture<>();
        Thread thread = NetNamespace.start(inner.name(), "netns-worker", () -> id.complete(NetNamespace.currentId()));
        thread.join(5000);
        assertThat(id.get()).isEqualTo(NetNamespace.call(inner.name(), NetNamespace::currentId));
    }

    @Test
    void aMissingNamespaceIsReportedByName() {
        assertThatThrownBy(() -> NetNamespace.call(lab.prefix() + "absent", () -> 1))
                .isInstanceOf(LinuxIoException.class)
                .hasMessage("setns (open namespace) on " + lab.prefix()
                        + "absent failed: ENOENT (No such file or directory)");
    }

    @Test
    void virtualThreadsAreRefused() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                NetNamespace.enter(inner.name()).close();
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        assertThat(failure.get(5, TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("virtual thread");
    }
}
