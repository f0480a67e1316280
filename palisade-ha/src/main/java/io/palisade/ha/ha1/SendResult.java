package io.palisade.ha.ha1;

/** What {@code send} did with a message. Everything but {@link #QUEUED} is also counted. */
public enum SendResult {
    /** Queued for the writer thread. */
    QUEUED,
    /** Dropped: no connection to the peer (or the link is blocked). */
    NOT_CONNECTED,
    /** Dropped: the outbound queue is full. */
    QUEUE_FULL,
    /** Refused: the message does not encode (too large, a field out of range). */
    REJECTED,
    /** The link is closed. */
    CLOSED
}
