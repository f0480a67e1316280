package io.palisade.ha.sync;

import io.palisade.common.FreePorts;
import io.palisade.ha.tls.HaKeygen;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Addresses and keys of two loopback nodes A and B, and starting them (each on its own, in any order). */
final class Ha2Pair implements AutoCloseable {
    static final HaKeygen.KeyMaterial KEYS_A = HaKeygen.create("node-a");
    static final HaKeygen.KeyMaterial KEYS_B = HaKeygen.create("node-b");

    final InetSocketAddress a = new InetSocketAddress(Ha2Node.A, FreePorts.udp(Ha2Node.A));
    final InetSocketAddress b = new InetSocketAddress(Ha2Node.B, FreePorts.udp(Ha2Node.B));
    final InetSocketAddress aBackup = new InetSocketAddress(Ha2Node.A_BACKUP, FreePorts.udp(Ha2Node.A_BACKUP));
    final InetSocketAddress bBackup = new InetSocketAddress(Ha2Node.B_BACKUP, FreePorts.udp(Ha2Node.B_BACKUP));
    final Ha2Options options;
    final boolean backup;
    private final List<Ha2Node> started = new ArrayList<>();

    Ha2Pair(Ha2Options options, boolean backup) {
        this.options = options;
        this.backup = backup;
    }

    static Ha2Auth authA() {
        return Ha2Auth.fromKeys(KEYS_A.key(), KEYS_A.certificate(), KEYS_B.certificate());
    }

    static Ha2Auth authB() {
        return Ha2Auth.fromKeys(KEYS_B.key(), KEYS_B.certificate(), KEYS_A.certificate());
    }

    Ha2Node startA(int workers) {
        return start("A", authA(), a, b, aBackup, bBackup, workers);
    }

    Ha2Node startB(int workers) {
        return start("B", authB(), b, a, bBackup, aBackup, workers);
    }

    Ha2Node start(
            String name,
            Ha2Auth auth,
            InetSocketAddress local,
            InetSocketAddress peer,
            InetSocketAddress localBackup,
            InetSocketAddress peerBackup,
            int workers) {
        List<Ha2Link> links = new ArrayList<>();
        links.add(Ha2Node.udp(Ha2Link.PRIMARY, local, peer));
        if (backup) {
            links.add(Ha2Node.udp(Ha2Link.BACKUP, localBackup, peerBackup));
        }
        Ha2Node node = Ha2Node.start(name, options, auth, links, workers);
        started.add(node);
        return node;
    }

    @Override
    public void close() {
        started.forEach(Ha2Node::close);
    }
}
