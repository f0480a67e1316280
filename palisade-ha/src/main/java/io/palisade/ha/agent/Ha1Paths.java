package io.palisade.ha.agent;

import io.palisade.ha.election.HaPath;
import io.palisade.ha.election.HaStateMachine;
import io.palisade.ha.ha1.Ha1Message;
import io.palisade.ha.ha1.Ha1PeerStatus;
import io.palisade.ha.ha1.Ha1Received;
import io.palisade.ha.ha1.Ha1Transport;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which HA1 link the agent's stateful messages go on, and which received messages are current. Owned by the
 * agent thread; only the chosen link is read by other threads.
 *
 * <p>Heartbeats go on every link (liveness per path); everything else (hellos, preemption, config sync) goes on
 * one link, as PAN-OS uses HA1 backup "when the primary HA1 is down". Sent on both, the same hellos travel two
 * connections read by two threads, and the peer could act on an older hello read after a newer one (the
 * two-node tests saw the loser of an election see the winner active, then "initial" again, and take over next to
 * it; a config sync was committed twice). The primary counts as down when it is not connected or has delivered
 * nothing for the HA1 monitor hold time (heartbeats arrive on every link, so a black-holed link shows).
 *
 * <p>On the receiving side a hello from the backup is only a heartbeat while the primary still delivers (it
 * predates the peer's return to the primary), and nothing more is taken from the connections the peer said
 * goodbye on (the goodbye goes on every link and can overtake the last hello on the other one).
 */
final class Ha1Paths {
    private final List<Ha1Transport> links;
    private final long linkHoldNs;
    private final long backupHelloAfterNs;
    private final long[] lastHeardNs;
    private final InetSocketAddress[] lastFrom;
    private final Set<InetSocketAddress> departedConnections = new HashSet<>();
    private volatile Ha1Transport messageLink;

    /**
     * @param links primary first, then the backup
     * @param linkHoldNs a link silent for this long carries no more stateful messages
     * @param backupHelloAfterNs a backup hello counts once the primary has been silent for this long
     */
    Ha1Paths(List<Ha1Transport> links, long linkHoldNs, long backupHelloAfterNs) {
        this.links = links;
        this.linkHoldNs = linkHoldNs;
        this.backupHelloAfterNs = backupHelloAfterNs;
        this.lastHeardNs = new long[links.size()];
        this.lastFrom = new InetSocketAddress[links.size()];
        Arrays.fill(lastHeardNs, HaStateMachine.NONE);
        this.messageLink = links.getFirst();
    }

    /** The link for hellos and the other stateful messages. Any thread. */
    Ha1Transport messageLink() {
        return messageLink;
    }

    static HaPath path(Ha1Received r) {
        return Ha1Transport.BACKUP.equals(r.link()) ? HaPath.HA1_BACKUP : HaPath.HA1;
    }

    /** Accounts for a received message; false when it must be ignored (it predates the peer's goodbye). */
    boolean accept(Ha1Received r, long nowNs) {
        if (departedConnections.contains(r.from())) {
            return false;
        }
        departedConnections.clear(); // a connection the peer did not say goodbye on: it is back
        int link = path(r) == HaPath.HA1_BACKUP && links.size() > 1 ? 1 : 0;
        lastFrom[link] = r.from();
        lastHeardNs[link] = nowNs;
        if (r.message() instanceof Ha1Message.Goodbye) {
            for (InetSocketAddress from : lastFrom) {
                if (from != null) {
                    departedConnections.add(from);
                }
            }
        }
        return true;
    }

    /** Whether a hello that came over {@code path} is current (else it only keeps the peer alive). */
    boolean currentHello(HaPath path, long nowNs) {
        if (path != HaPath.HA1_BACKUP) {
            return true;
        }
        boolean primaryConnected = links.getFirst().status().stream().anyMatch(Ha1PeerStatus::receiving);
        return !primaryConnected
                || lastHeardNs[0] == HaStateMachine.NONE
                || nowNs - lastHeardNs[0] > backupHelloAfterNs;
    }

    /**
     * Chooses the message link again: the first that is connected and has been heard within the hold time (the
     * last one only needs to be connected); the primary when none can send. Returns true when it changed, so the
     * agent sends its current hello on the new link at once.
     */
    boolean choose(long nowNs) {
        Ha1Transport chosen = links.getFirst();
        for (int i = 0; i < links.size(); i++) {
            Ha1Transport t = links.get(i);
            boolean heard = lastHeardNs[i] == HaStateMachine.NONE || nowNs - lastHeardNs[i] <= linkHoldNs;
            if (t.status().stream().allMatch(Ha1PeerStatus::sending) && (heard || i == links.size() - 1)) {
                chosen = t;
                break;
            }
        }
        if (chosen == messageLink) {
            return false;
        }
        messageLink = chosen;
        return true;
    }
}
