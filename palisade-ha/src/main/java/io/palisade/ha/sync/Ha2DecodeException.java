package io.palisade.ha.sync;

/**
 * A received HA2 frame or message is malformed; the message says which guard refused it. Thrown only on the error
 * path, without a stack trace: a hostile peer must not be able to make the receiver spend time filling them.
 */
public class Ha2DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public Ha2DecodeException(String message) {
        super(message, null, false, false);
    }
}
