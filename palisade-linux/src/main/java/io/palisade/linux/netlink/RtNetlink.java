package io.palisade.linux.netlink;

import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.SocketConstants;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Interface control over rtnetlink: read links, set them up or down, change MAC and MTU, add and remove IPv4 and
 * IPv6 addresses. Works on the network namespace of the thread that opened it. Every request waits for the
 * kernel's answer (at most {@link #REPLY_TIMEOUT_MS}); a refusal becomes a {@link LinuxIoException} naming the
 * request, the interface, the errno and the kernel's extended-ack text, e.g. {@code netlink RTM_NEWADDR
 * (198.18.0.1/24) on v0 failed: EEXIST (File exists)}. One owner thread.
 */
public final class RtNetlink implements AutoCloseable {
    /** How long a request waits for the kernel's reply. */
    public static final int REPLY_TIMEOUT_MS = 2000;

    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    private final NetlinkSocket socket;
    private final NetlinkWriter writer;
    private int seq;

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
        this.writer = new NetlinkWriter(socket.sendBuffer());
    }

    /** Opens a request socket in the calling thread's network namespace. */
    public static RtNetlink open() throws LinuxIoException {
        return new RtNetlink(NetlinkSocket.open(0, "rtnetlink requests"));
    }

    /** The link called {@code name}; ENODEV when there is none. */
    public LinkInfo link(String name) throws LinuxIoException {
        writer.begin(NetlinkStructs.RTM_GETLINK, NetlinkStructs.NLM_F_REQUEST, ++seq)
                .ifinfo(0, 0, 0)
                .attributeString(NetlinkStructs.IFLA_IFNAME, name);
        List<LinkInfo> found = new ArrayList<>(1);
        transact(Reply.ONE, "netlink RTM_GETLINK", name, (buffer, at, length) -> {
            if (NetlinkReader.type(buffer, at) == NetlinkStructs.RTM_NEWLINK) {
                found.add(NetlinkReader.link(buffer, at, length));
            }
        });
        if (found.isEmpty()) {
            throw new LinuxIoException("netlink RTM_GETLINK", name, 0, "no link in the reply");
        }
        return found.getFirst();
    }

    /** Every link in the namespace. */
    public List<LinkInfo> links() throws LinuxIoException {
        writer.begin(NetlinkStructs.RTM_GETLINK, NetlinkStructs.NLM_F_REQUEST | NetlinkStructs.NLM_F_DUMP, ++seq)
                .ifinfo(0, 0, 0);
        List<LinkInfo> links = new ArrayList<>();
        transact(Reply.DUMP, "netlink RTM_GETLINK dump", null, (buffer, at, length) -> {
            if (NetlinkReader.type(buffer, at) == NetlinkStructs.RTM_NEWLINK) {
                links.add(NetlinkReader.link(buffer, at, length));
            }
        });
        return links;
    }

    /** Sets the link administratively up or down ({@code ip link set NAME up|down}). */
    public void setLinkUp(String name, boolean up) throws LinuxIoException {
        int index = link(name).index();
        writer.begin(NetlinkStructs.RTM_NEWLINK, NetlinkStructs.NLM_F_REQUEST | NetlinkStructs.NLM_F_ACK, ++seq)
                .ifinfo(index, up ? NetlinkStructs.IFF_UP : 0, NetlinkStructs.IFF_UP);
        transact(Reply.ACK, "netlink RTM_NEWLINK (set " + (up ? "up" : "down") + ")", name, null);
    }

    /** Sets the hardware address, given as {@code aa:bb:cc:dd:ee:ff}. */
    public void setMacAddress(String name, String mac) throws LinuxIoException {
        byte[] address = MAC.parseHex(mac);
        int index = link(name).index();
        writer.begin(NetlinkStructs.RTM_NEWLINK, NetlinkStructs.NLM_F_REQUEST | NetlinkStructs.NLM_F_ACK, ++seq)
                .ifinfo(index, 0, 0)
                .attribute(NetlinkStructs.IFLA_ADDRESS, address);
        transact(Reply.ACK, "netlink RTM_NEWLINK (address " + mac + ")", name, null);
    }

    public void setMtu(String name, int mtu) throws LinuxIoException {
        int index = link(name).index();
        writer.begin(NetlinkStructs.RTM_NEWLINK, NetlinkStructs.NLM_F_REQUEST | NetlinkStructs.NLM_F_ACK, ++seq)
                .ifinfo(index, 0, 0)
                .attributeInt(NetlinkStructs.IFLA_MTU, mtu);
        transact(Reply.ACK, "netlink RTM_NEWLINK (mtu " + mtu + ")", name, null);
    }

    /**
     * Adds an address. IPv6 addresses skip duplicate address detection ({@code IFA_F_NODAD}), as keepalived does
     * for virtual addresses: a floating address must work the moment it moves, not a second later.
     */
    public void addAddress(String name, InetAddress address, int prefixLength) throws LinuxIoException {
        int index = link(name).index();
        int flags = NetlinkStructs.NLM_F_REQUEST
                | NetlinkStructs.NLM_F_ACK
                | NetlinkStructs.NLM_F_CREATE
                | NetlinkStructs.NLM_F_EXCL;
        addressRequest(NetlinkStructs.RTM_NEWADDR, flags, index, address, prefixLength);
        transact(Reply.ACK, "netlink RTM_NEWADDR (" + cidr(address, prefixLength) + ")", name, null);
    }

    public void removeAddress(String name, InetAddress address, int prefixLength) throws LinuxIoException {
        int index = link(name).index();
        addressRequest(
                NetlinkStructs.RTM_DELADDR,
                NetlinkStructs.NLM_F_REQUEST | NetlinkStructs.NLM_F_ACK,
                index,
                address,
                prefixLength);
        transact(Reply.ACK, "netlink RTM_DELADDR (" + cidr(address, prefixLength) + ")", name, null);
    }

    /** The IPv4 and IPv6 addresses of {@code name}. */
    public List<InterfaceAddress> addresses(String name) throws LinuxIoException {
        int index = link(name).index();
        writer.begin(NetlinkStructs.RTM_GETADDR, NetlinkStructs.NLM_F_REQUEST | NetlinkStructs.NLM_F_DUMP, ++seq)
                .ifaddr(0, 0, 0, 0, 0);
        List<InterfaceAddress> addresses = new ArrayList<>();
        transact(Reply.DUMP, "netlink RTM_GETADDR dump", name, (buffer, at, length) -> {
            if (NetlinkReader.type(buffer, at) == NetlinkStructs.RTM_NEWADDR) {
                InterfaceAddress address = NetlinkReader.address(buffer, at, length);
                if (address != null && address.ifindex() == index) {
                    addresses.add(address);
                }
            }
        });
        return addresses;
    }

    private void addressRequest(int type, int flags, int index, InetAddress address, int prefixLength) {
        boolean v6 = address instanceof Inet6Address;
        int max = v6 ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " must be 0 to " + max);
        }
        writer.begin(type, flags, ++seq)
                .ifaddr(
                        v6 ? SocketConstants.AF_INET6 : SocketConstants.AF_INET,
                        prefixLength,
                        v6 ? NetlinkStructs.IFA_F_NODAD : 0,
                        NetlinkStructs.RT_SCOPE_UNIVERSE,
                        index)
                .attribute(NetlinkStructs.IFA_LOCAL, address.getAddress())
                .attribute(NetlinkStructs.IFA_ADDRESS, address.getAddress());
    }

    private static String cidr(InetAddress address, int prefixLength) {
        return address.getHostAddress() + "/" + prefixLength;
    }

    /** What ends a request: an ACK, the one reply message, or NLMSG_DONE after a dump. */
    private enum Reply {
        ACK,
        ONE,
        DUMP
    }

    @FunctionalInterface
    private interface MessageConsumer {
        void accept(MemorySegment buffer, long at, int length);
    }

    /** Sends the request in the writer and consumes replies with its sequence number until the request is done. */
    private void transact(Reply reply, String operation, String subject, MessageConsumer consumer)
            throws LinuxIoException {
        int requestSeq = seq;
        socket.send(writer.finish(), operation, subject);
        long deadlineNs = System.nanoTime() + REPLY_TIMEOUT_MS * 1_000_000L;
        while (true) {
            int waitMs = (int) Math.max(0, (deadlineNs - System.nanoTime()) / 1_000_000L);
            int n = socket.receive(waitMs, operation, subject);
            if (n == 0) {
                throw new LinuxIoException(operation, subject, 0, "no reply within " + REPLY_TIMEOUT_MS + " ms");
            }
            if (n < 0) {
                throw new LinuxIoException(operation, subject, -n, "reply lost");
            }
            if (walk(socket.receiveBuffer(), n, requestSeq, reply, operation, subject, consumer)) {
                return;
            }
        }
    }

    /** Returns true once the request is complete. */
    private static boolean walk(
            MemorySegment buffer,
            int datagramLength,
            int requestSeq,
            Reply reply,
            String operation,
            String subject,
            MessageConsumer consumer)
            throws LinuxIoException {
        long at = 0;
        while (true) {
            int length = NetlinkReader.messageLength(buffer, at, datagramLength);
            if (length < 0) {
                return false;
            }
            if (NetlinkReader.seq(buffer, at) == requestSeq) {
                int type = NetlinkReader.type(buffer, at);
                if (type == NetlinkStructs.NLMSG_ERROR) {
                    int errno = NetlinkReader.error(buffer, at);
                    if (errno != 0) {
                        throw new LinuxIoException(
                                operation, subject, errno, NetlinkReader.errorMessage(buffer, at, length));
                    }
                    return true;
                }
                if (type == NetlinkStructs.NLMSG_DONE) {
                    return true;
                }
                if (consumer != null) {
                    consumer.accept(buffer, at, length);
                }
                if (reply == Reply.ONE) {
                    return true;
                }
            }
            at += NetlinkStructs.align(length);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
