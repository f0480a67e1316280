package io.palisade.linux.sys;

import java.io.IOException;

/**
 * A kernel interface refused an operation. The message is one line naming the operation, the interface or other
 * subject, and the errno with its meaning, e.g. {@code AF_PACKET bind on veth-a0 failed: ENODEV (No such device)};
 * a kernel-supplied detail (netlink extended ack) is appended when there is one.
 */
public final class LinuxIoException extends IOException {
    private final String operation;
    private final String subject;
    private final int errno;

    /**
     * @param operation what was attempted, e.g. {@code AF_PACKET bind}
     * @param subject the interface, namespace or address it was attempted on; null when there is none
     * @param errno the captured errno; 0 when the failure is not an errno (a malformed kernel reply)
     * @param detail extra text from the kernel or the caller; null when there is none
     */
    public LinuxIoException(String operation, String subject, int errno, String detail) {
        super(format(operation, subject, errno, detail));
        this.operation = operation;
        this.subject = subject;
        this.errno = errno;
    }

    private static String format(String operation, String subject, int errno, String detail) {
        StringBuilder text = new StringBuilder(operation);
        if (subject != null) {
            text.append(" on ").append(subject);
        }
        text.append(" failed");
        if (errno != 0) {
            text.append(": ").append(Errno.describe(errno));
        }
        if (detail != null && !detail.isBlank()) {
            text.append(errno != 0 ? "; " : ": ").append(detail);
        }
        return text.toString();
    }

    public String operation() {
        return operation;
    }

    /** The interface, namespace or address; null when there is none. */
    public String subject() {
        return subject;
    }

    /** The errno, or 0 when the failure did not come with one. */
    public int errno() {
        return errno;
    }
}
