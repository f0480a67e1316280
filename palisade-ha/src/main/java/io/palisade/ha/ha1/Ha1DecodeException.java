package io.palisade.ha.ha1;

/**
 * A received HA1 frame is malformed: bad magic, unsupported version, unknown type, bad length, truncated,
 * trailing bytes, invalid UTF-8 or a field value no message allows. The connection that sent it is closed.
 */
public final class Ha1DecodeException extends Exception {
    public Ha1DecodeException(String reason) {
        super(reason);
    }
}
