package io.palisade.ha.monitor;

import io.palisade.linux.icmp.EchoListener;
import io.palisade.linux.icmp.IcmpEchoSocket;
import io.palisade.linux.sys.LinuxIoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/** Real path monitoring: ICMP echo from the group's source address over a raw socket (root). */
public final class IcmpPathProbe implements PathProbe {
    private final IcmpEchoSocket socket;

    public IcmpPathProbe(InetAddress source, int identifier) {
        try {
            socket = IcmpEchoSocket.open(source, identifier);
        } catch (LinuxIoException e) {
            throw new UncheckedIOException(new IOException(
                    "path monitoring from " + (source == null ? "any address" : source.getHostAddress()) + ": "
                            + e.getMessage(),
                    e));
        }
    }

    @Override
    public boolean send(InetAddress destination, int sequence, long nowNs) {
        try {
            return socket.send(destination, sequence, nowNs);
        } catch (LinuxIoException e) {
            return false;
        }
    }

    @Override
    public void poll(long nowNs, long timeoutNs, Listener listener) {
        EchoListener adapter = new EchoListener() {
            @Override
            public void onReply(InetAddress target, int sequence, long rttNs) {
                listener.onReply(target, sequence, rttNs);
            }

            @Override
            public void onTimeout(InetAddress target, int sequence) {
                listener.onLoss(target, sequence);
            }
        };
        try {
            socket.receive(nowNs, adapter);
        } catch (LinuxIoException e) {
            // a receive error leaves the requests pending; they expire as losses below
        }
        socket.expire(nowNs, timeoutNs, adapter);
    }

    @Override
    public void close() {
        socket.close();
    }
}
