package io.palisade.ha.ha1;

import io.palisade.config.model.Ha2Transport;
import io.palisade.config.model.HaMode;
import io.palisade.config.model.TimerProfile;
import io.palisade.ha.ha1.Ha1Message.ConfigSync;
import io.palisade.ha.ha1.Ha1Message.ConfigSyncResult;
import io.palisade.ha.ha1.Ha1Message.Goodbye;
import io.palisade.ha.ha1.Ha1Message.Heartbeat;
import io.palisade.ha.ha1.Ha1Message.Hello;
import io.palisade.ha.ha1.Ha1Message.PreemptRequest;
import io.palisade.ha.ha1.Ha1Message.StateChange;
import io.palisade.ha.ha1.Ha1Message.StepDownAck;
import io.palisade.ha.ha1.Ha1Message.SyncToRemoteRequest;
import io.palisade.ha.ha1.Ha1Message.TimerSummary;
import io.palisade.ha.ha1.Ha1Message.UserIdMapping;
import io.palisade.ha.ha1.Ha1Message.UserIdSync;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The HA1 wire format, all of it: the frame header and one layout per message. Big-endian throughout; text is
 * UTF-8 with a length in front; decoding is strict (every byte accounted for, every code known) and fails only
 * with {@link Ha1DecodeException}.
 *
 * <pre>
 * Frame (protocol version 1)
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 * +---------------------------------------------------------------+
 * |                   magic 0x50484131 ("PHA1")                   |
 * +-------------------------------+-------------------------------+
 * |     protocol version (1)      |         message type          |
 * +-------------------------------+-------------------------------+
 * |            body length in bytes (0..MAX_BODY_BYTES)           |
 * +---------------------------------------------------------------+
 * ~                       body (per message)                      ~
 * +---------------------------------------------------------------+
 * </pre>
 *
 * The body length is checked against {@link #MAX_BODY_BYTES} before any of the body is read, so a forged
 * length cannot make a receiver allocate or wait for more than that.
 */
public final class Ha1Codec {
    /** "PHA1". */
    public static final int MAGIC = 0x50484131;
    /** The only protocol version this node speaks. */
    public static final int VERSION = 1;
    /** Bytes before the body. */
    public static final int HEADER_BYTES = 12;
    /** Largest body accepted or sent: room for a configuration sync. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final int HELLO_FLAG_PREEMPTIVE = 1;
    private static final int HELLO_FLAG_BULK_SYNC_COMPLETE = 1 << 1;
    private static final int HELLO_FLAG_LINK_MONITOR_FAILED = 1 << 2;
    private static final int HELLO_FLAG_PATH_MONITOR_FAILED = 1 << 3;
    private static final int HELLO_FLAG_WANTS_PREEMPT = 1 << 4;
    private static final int HELLO_FLAGS_KNOWN = (1 << 5) - 1;
    private static final int NO_DEVICE_ID = 0xff;

    private Ha1Codec() {}

    /**
     * Encodes one message as a complete frame.
     *
     * @throws IllegalArgumentException when a field does not fit its wire width or the body exceeds
     *     {@link #MAX_BODY_BYTES}
     */
    public static byte[] encode(Ha1Message message) {
        WireWriter out = new WireWriter(initialCapacity(message));
        out.u32("magic", MAGIC & 0xffff_ffffL).u16("version", VERSION).u16("type", message.type());
        int lengthAt = out.position();
        out.u32("length", 0);
        switch (message) {
            case Hello m -> writeHello(out, m);
            case Heartbeat m -> writeHeartbeat(out, m);
            case StateChange m -> writeStateChange(out, m);
            case Goodbye m -> out.shortText("reason", m.reason());
            case PreemptRequest m -> out.shortText("serial", m.serial());
            case StepDownAck m -> out.shortText("serial", m.serial());
            case ConfigSync m -> writeConfigSync(out, m);
            case ConfigSyncResult m -> writeConfigSyncResult(out, m);
            case SyncToRemoteRequest m -> out.i64(m.requestId()).shortText("reason", m.reason());
            case UserIdSync m -> writeUserIdSync(out, m);
        }
        int bodyLength = out.position() - HEADER_BYTES;
        if (bodyLength > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("HA1 message type " + message.type() + " body of " + bodyLength
                    + " bytes exceeds " + MAX_BODY_BYTES);
        }
        out.putU32At(lengthAt, bodyLength);
        return out.toByteArray();
    }

    /** Decodes exactly one frame that fills {@code frame}. */
    public static Ha1Message decode(byte[] frame) throws Ha1DecodeException {
        if (frame.length < HEADER_BYTES) {
            throw new Ha1DecodeException("truncated header: " + frame.length + " of " + HEADER_BYTES + " bytes");
        }
        Header header = parseHeader(frame);
        long available = frame.length - HEADER_BYTES;
        if (header.bodyLength() > available) {
            throw new Ha1DecodeException("truncated body: " + available + " of " + header.bodyLength() + " bytes");
        }
        if (header.bodyLength() < available) {
            throw new Ha1DecodeException((available - header.bodyLength()) + " trailing byte(s) after the frame");
        }
        return decodeBody(header.type(), new WireReader(frame, HEADER_BYTES, header.bodyLength()));
    }

    /**
     * Reads the next frame from a stream.
     *
     * @return the message, or null when the stream ended cleanly between frames
     * @throws Ha1DecodeException when the frame is malformed or the stream ends inside it
     * @throws IOException when reading fails
     */
    public static Ha1Message read(InputStream in) throws IOException, Ha1DecodeException {
        byte[] head = in.readNBytes(HEADER_BYTES);
        if (head.length == 0) {
            return null;
        }
        if (head.length < HEADER_BYTES) {
            throw new Ha1DecodeException("truncated header: " + head.length + " of " + HEADER_BYTES + " bytes");
        }
        Header header = parseHeader(head);
        byte[] body = in.readNBytes(header.bodyLength());
        if (body.length < header.bodyLength()) {
            throw new Ha1DecodeException("truncated body: " + body.length + " of " + header.bodyLength() + " bytes");
        }
        return decodeBody(header.type(), new WireReader(body, 0, body.length));
    }

    private record Header(int type, int bodyLength) {}

    /** Guards in order: magic, version, type, length; each refusal says which. */
    private static Header parseHeader(byte[] head) throws Ha1DecodeException {
        WireReader in = new WireReader(head, 0, HEADER_BYTES);
        long magic = in.u32("magic");
        if (magic != (MAGIC & 0xffff_ffffL)) {
            throw new Ha1DecodeException(String.format("bad magic 0x%08x", magic));
        }
        int version = in.u16("version");
        if (version != VERSION) {
            throw new Ha1DecodeException(
                    "unsupported protocol version " + version + " (this node speaks " + VERSION + ")");
        }
        int type = in.u16("type");
        if (!isKnownType(type)) {
            throw new Ha1DecodeException(String.format("unknown message type 0x%02x", type));
        }
        long length = in.u32("length");
        if (length > MAX_BODY_BYTES) {
            throw new Ha1DecodeException("oversized frame: body length " + length + " exceeds " + MAX_BODY_BYTES);
        }
        return new Header(type, (int) length);
    }

    private static boolean isKnownType(int type) {
        return switch (type) {
            case Hello.TYPE,
                    Heartbeat.TYPE,
                    StateChange.TYPE,
                    Goodbye.TYPE,
                    PreemptRequest.TYPE,
                    StepDownAck.TYPE,
                    ConfigSync.TYPE,
                    ConfigSyncResult.TYPE,
                    SyncToRemoteRequest.TYPE,
                    UserIdSync.TYPE -> true;
            default -> false;
        };
    }

    private static Ha1Message decodeBody(int type, WireReader in) throws Ha1DecodeException {
        Ha1Message message = switch (type) {
            case Hello.TYPE -> readHello(in);
            case Heartbeat.TYPE -> readHeartbeat(in);
            case StateChange.TYPE -> readStateChange(in);
            case Goodbye.TYPE -> new Goodbye(in.shortText("reason"));
            case PreemptRequest.TYPE -> new PreemptRequest(in.shortText("serial"));
            case StepDownAck.TYPE -> new StepDownAck(in.shortText("serial"));
            case ConfigSync.TYPE -> readConfigSync(in);
            case ConfigSyncResult.TYPE -> readConfigSyncResult(in);
            case SyncToRemoteRequest.TYPE -> new SyncToRemoteRequest(in.i64("request id"), in.shortText("reason"));
            case UserIdSync.TYPE -> readUserIdSync(in);
            default -> throw new Ha1DecodeException(String.format("unknown message type 0x%02x", type));
        };
        in.expectEnd(message.getClass().getSimpleName());
        return message;
    }

    private static int initialCapacity(Ha1Message message) {
        return message instanceof ConfigSync sync
                ? HEADER_BYTES + 64 + sync.yaml().length() * 3
                : 256;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Hello, type 0x01
    //
    //  0               1               2               3
    // +---------------+---------------+---------------+---------------+
    // |   group id    |    HA mode    |   device id   |   priority    |  mode 1 A/P, 2 A/A; device id 0xff none
    // +---------------+---------------+---------------+---------------+
    // |   HA state    | HA2 transport |             flags             |  HA2 0 none, 1 udp, 2 ethernet
    // +---------------+---------------+-------------------------------+
    // |                node id (HA1 MAC-like tiebreak, 8)             |
    // |                                                               |
    // +-------------------------------+-------------------------------+
    // |       preemption flaps        |     non-functional flaps      |
    // +-------------------------------+-------------------------------+
    // ~           running-config shared digest (32, SHA-256)          ~
    // +---------------+-----------------------------------------------+
    // | timer profile |            promotion hold ms (u32)            |  profile 1 recommended, 2 aggressive,
    // +---------------+-----------------------------------------------+  3 advanced
    // |  hello interval ms (u32)  |  heartbeat interval ms (u32)      |
    // | heartbeat miss threshold (u16) | flap max (u16)               |
    // | preemption hold ms (u32) | monitor fail hold up ms (u32)      |
    // | additional master hold up ms (u32)                            |
    // +---------------------------------------------------------------+
    // | node serial: u16 length + UTF-8                               |
    // | software version: u16 length + UTF-8                          |
    // | state reason: u16 length + UTF-8                              |
    // +---------------------------------------------------------------+
    // flags: bit 0 preemptive, 1 bulk-sync-complete, 2 link-monitor-failed, 3 path-monitor-failed,
    //        4 wants-preempt; the other bits are zero (a set unknown bit is a decode error).
    // ---------------------------------------------------------------------------------------------------------

    private static void writeHello(WireWriter out, Hello m) {
        out.u8("group id", m.groupId())
                .u8("HA mode", modeCode(m.mode()))
                .u8("device id", m.deviceId() == null ? NO_DEVICE_ID : deviceIdByte(m.deviceId()))
                .u8("device priority", m.devicePriority())
                .u8("HA state", m.state().code())
                .u8("HA2 transport", ha2Code(m.ha2Transport()))
                .u16("flags", helloFlags(m))
                .i64(m.nodeId())
                .u16("preemption flaps", m.preemptionFlaps())
                .u16("non-functional flaps", m.nonFunctionalFlaps())
                .bytes(m.runningConfigDigest().bytes());
        writeTimers(out, m.timers());
        out.shortText("node serial", m.nodeSerial())
                .shortText("software version", m.softwareVersion())
                .shortText("state reason", m.stateReason());
    }

    private static Hello readHello(WireReader in) throws Ha1DecodeException {
        int groupId = in.u8("group id");
        HaMode mode = modeFromCode(in.u8("HA mode"));
        int deviceId = in.u8("device id");
        int priority = in.u8("device priority");
        HaWireState state = stateFromCode("HA state", in.u8("HA state"));
        Ha2Transport ha2 = ha2FromCode(in.u8("HA2 transport"));
        int flags = in.u16("flags");
        if ((flags & ~HELLO_FLAGS_KNOWN) != 0) {
            throw new Ha1DecodeException(String.format("hello flags 0x%04x set unknown bits", flags));
        }
        long nodeId = in.i64("node id");
        int preemptionFlaps = in.u16("preemption flaps");
        int nonFunctionalFlaps = in.u16("non-functional flaps");
        ConfigDigest digest = ConfigDigest.of(in.bytes("running-config digest", ConfigDigest.LENGTH));
        TimerSummary timers = readTimers(in);
        return new Hello(
                groupId,
                mode,
                deviceId == NO_DEVICE_ID ? null : deviceId,
                in.shortText("node serial"),
                nodeId,
                in.shortText("software version"),
                state,
                in.shortText("state reason"),
                priority,
                (flags & HELLO_FLAG_PREEMPTIVE) != 0,
                timers,
                ha2,
                digest,
                (flags & HELLO_FLAG_BULK_SYNC_COMPLETE) != 0,
                (flags & HELLO_FLAG_LINK_MONITOR_FAILED) != 0,
                (flags & HELLO_FLAG_PATH_MONITOR_FAILED) != 0,
                (flags & HELLO_FLAG_WANTS_PREEMPT) != 0,
                preemptionFlaps,
                nonFunctionalFlaps);
    }

    private static int helloFlags(Hello m) {
        return (m.preemptive() ? HELLO_FLAG_PREEMPTIVE : 0)
                | (m.bulkSyncComplete() ? HELLO_FLAG_BULK_SYNC_COMPLETE : 0)
                | (m.linkMonitorFailed() ? HELLO_FLAG_LINK_MONITOR_FAILED : 0)
                | (m.pathMonitorFailed() ? HELLO_FLAG_PATH_MONITOR_FAILED : 0)
                | (m.wantsPreempt() ? HELLO_FLAG_WANTS_PREEMPT : 0);
    }

    private static int deviceIdByte(int deviceId) {
        if (deviceId == NO_DEVICE_ID) {
            throw new IllegalArgumentException("device id 255 is reserved on the wire for 'none'");
        }
        return deviceId;
    }

    private static void writeTimers(WireWriter out, TimerSummary t) {
        out.u8("timer profile", profileCode(t.profile()))
                .u32("promotion hold ms", t.promotionHoldTimeMs())
                .u32("hello interval ms", t.helloIntervalMs())
                .u32("heartbeat interval ms", t.heartbeatIntervalMs())
                .u16("heartbeat miss threshold", t.heartbeatMissThreshold())
                .u16("flap max", t.flapMax())
                .u32("preemption hold ms", t.preemptionHoldTimeMs())
                .u32("monitor fail hold up ms", t.monitorFailHoldUpTimeMs())
                .u32("additional master hold up ms", t.additionalMasterHoldUpTimeMs());
    }

    private static TimerSummary readTimers(WireReader in) throws Ha1DecodeException {
        return new TimerSummary(
                profileFromCode(in.u8("timer profile")),
                in.u32("promotion hold ms"),
                in.u32("hello interval ms"),
                in.u32("heartbeat interval ms"),
                in.u16("heartbeat miss threshold"),
                in.u16("flap max"),
                in.u32("preemption hold ms"),
                in.u32("monitor fail hold up ms"),
                in.u32("additional master hold up ms"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Heartbeat, type 0x02
    //
    // +---------------------------------------------------------------+
    // |                    sequence (u64)                             |
    // |                    sender monotonic ns (i64)                  |
    // |                    echo sequence (u64, 0 = none)              |
    // |                    echo sender ns (i64, the peer's own clock) |
    // |                    echo hold ns (i64)                         |
    // +---------------------------------------------------------------+   40 bytes
    // ---------------------------------------------------------------------------------------------------------

    private static void writeHeartbeat(WireWriter out, Heartbeat m) {
        out.i64(m.sequence())
                .i64(m.senderNs())
                .i64(m.echoSequence())
                .i64(m.echoSenderNs())
                .i64(m.echoHoldNs());
    }

    private static Heartbeat readHeartbeat(WireReader in) throws Ha1DecodeException {
        return new Heartbeat(
                in.i64("sequence"),
                in.i64("sender ns"),
                in.i64("echo sequence"),
                in.i64("echo sender ns"),
                in.i64("echo hold ns"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // StateChange, type 0x03
    //
    // +---------------+---------------+-------------------------------+
    // | previous state|  new state    |  reason length (u16)          |
    // +---------------+---------------+-------------------------------+
    // ~                        reason (UTF-8)                         ~
    // |                  time, ms since the epoch (i64)               |
    // +---------------------------------------------------------------+
    // ---------------------------------------------------------------------------------------------------------

    private static void writeStateChange(WireWriter out, StateChange m) {
        out.u8("previous state", m.previous().code())
                .u8("state", m.state().code())
                .shortText("reason", m.reason())
                .i64(m.atEpochMs());
    }

    private static StateChange readStateChange(WireReader in) throws Ha1DecodeException {
        HaWireState previous = stateFromCode("previous state", in.u8("previous state"));
        HaWireState state = stateFromCode("state", in.u8("state"));
        return new StateChange(previous, state, in.shortText("reason"), in.i64("time"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Goodbye, type 0x04:            | reason: u16 length + UTF-8 |
    // PreemptRequest, type 0x20:     | serial: u16 length + UTF-8 |
    // StepDownAck, type 0x21:        | serial: u16 length + UTF-8 |
    // SyncToRemoteRequest, type 0x12: | request id (i64) | reason: u16 length + UTF-8 |
    //
    // ConfigSync, type 0x10
    // +---------------------------------------------------------------+
    // |                  config version (i64)                         |
    // ~                  shared digest (32, SHA-256)                  ~
    // |                  YAML length (u32)                            |
    // ~                  YAML (UTF-8)                                 ~
    // +---------------------------------------------------------------+
    //
    // ConfigSyncResult, type 0x11
    // | config version (i64) | accepted (u8 0/1) | message: u16 length + UTF-8 |
    // ---------------------------------------------------------------------------------------------------------

    private static void writeConfigSync(WireWriter out, ConfigSync m) {
        out.i64(m.configVersion()).bytes(m.digest().bytes()).longText("yaml", m.yaml());
    }

    private static ConfigSync readConfigSync(WireReader in) throws Ha1DecodeException {
        long version = in.i64("config version");
        ConfigDigest digest = ConfigDigest.of(in.bytes("config digest", ConfigDigest.LENGTH));
        return new ConfigSync(version, digest, in.longText("yaml"));
    }

    private static void writeConfigSyncResult(WireWriter out, ConfigSyncResult m) {
        out.i64(m.configVersion()).bool(m.accepted()).shortText("message", m.message());
    }

    private static ConfigSyncResult readConfigSyncResult(WireReader in) throws Ha1DecodeException {
        return new ConfigSyncResult(in.i64("config version"), in.bool("accepted"), in.shortText("message"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // UserIdSync, type 0x18
    // +---------------+-----------------------------------------------+
    // | full (u8 0/1) |  sequence (i64) ...                            |
    // +---------------+-----------------------------------------------+
    // | mapping count (u32) | per mapping: address | user (u16 + UTF-8)|
    // | removed count (u32) | per removal: address                    |
    // +---------------------------------------------------------------+
    // address: length (u8, 4 or 16) then the address bytes. A full sync has no removals.
    // ---------------------------------------------------------------------------------------------------------

    private static void writeUserIdSync(WireWriter out, UserIdSync m) {
        out.bool(m.full()).i64(m.sequence()).u32("mapping count", m.mappings().size());
        for (UserIdMapping mapping : m.mappings()) {
            out.address(mapping.ip()).shortText("user", mapping.user());
        }
        out.u32("removed count", m.removed().size());
        for (InetAddress ip : m.removed()) {
            out.address(ip);
        }
    }

    private static UserIdSync readUserIdSync(WireReader in) throws Ha1DecodeException {
        boolean full = in.bool("full");
        long sequence = in.i64("sequence");
        int mappingCount = in.count("mappings", 1 + 4 + 2);
        List<UserIdMapping> mappings = new ArrayList<>(mappingCount);
        for (int i = 0; i < mappingCount; i++) {
            mappings.add(new UserIdMapping(in.address("mapping address"), in.shortText("user")));
        }
        int removedCount = in.count("removed", 1 + 4);
        if (full && removedCount > 0) {
            throw new Ha1DecodeException("a full User-ID sync carries " + removedCount + " removal(s)");
        }
        List<InetAddress> removed = new ArrayList<>(removedCount);
        for (int i = 0; i < removedCount; i++) {
            removed.add(in.address("removed address"));
        }
        return new UserIdSync(full, sequence, mappings, removed);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Code tables
    // ---------------------------------------------------------------------------------------------------------

    /** PAN-OS {@code panSysHAMode}: 1 active-passive, 2 active-active. */
    private static int modeCode(HaMode mode) {
        return switch (mode) {
            case ACTIVE_PASSIVE -> 1;
            case ACTIVE_ACTIVE -> 2;
        };
    }

    private static HaMode modeFromCode(int code) throws Ha1DecodeException {
        return switch (code) {
            case 1 -> HaMode.ACTIVE_PASSIVE;
            case 2 -> HaMode.ACTIVE_ACTIVE;
            default -> throw new Ha1DecodeException("HA mode: unknown code " + code);
        };
    }

    private static int profileCode(TimerProfile profile) {
        return switch (profile) {
            case RECOMMENDED -> 1;
            case AGGRESSIVE -> 2;
            case ADVANCED -> 3;
        };
    }

    private static TimerProfile profileFromCode(int code) throws Ha1DecodeException {
        return switch (code) {
            case 1 -> TimerProfile.RECOMMENDED;
            case 2 -> TimerProfile.AGGRESSIVE;
            case 3 -> TimerProfile.ADVANCED;
            default -> throw new Ha1DecodeException("timer profile: unknown code " + code);
        };
    }

    private static int ha2Code(Ha2Transport transport) {
        if (transport == null) {
            return 0;
        }
        return switch (transport) {
            case UDP -> 1;
            case ETHERNET -> 2;
        };
    }

    private static Ha2Transport ha2FromCode(int code) throws Ha1DecodeException {
        return switch (code) {
            case 0 -> null;
            case 1 -> Ha2Transport.UDP;
            case 2 -> Ha2Transport.ETHERNET;
            default -> throw new Ha1DecodeException("HA2 transport: unknown code " + code);
        };
    }

    private static HaWireState stateFromCode(String field, int code) throws Ha1DecodeException {
        return HaWireState.fromCode(code)
                .orElseThrow(() -> new Ha1DecodeException(field + ": unknown state code " + code));
    }
}
