package io.palisade.node;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects the formatted log messages of every logger (INFO and up) while attached; for log assertions. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final int MAX_MESSAGES = 50_000;

    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture() {}

    /** Starts capturing on the root logger. */
    static LogCapture attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogCapture capture = new LogCapture();
        capture.setContext(context);
        capture.setName("test-capture");
        capture.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (messages.size() < MAX_MESSAGES) {
            messages.add(java.time.Instant.ofEpochMilli(event.getTimeStamp()) + " [" + event.getThreadName() + "] "
                    + event.getLevel() + " " + event.getFormattedMessage());
        }
    }

    /** Whether a captured message contains {@code text}. */
    boolean contains(String text) {
        return messages.stream().anyMatch(m -> m.contains(text));
    }

    /** The captured messages that contain {@code text}. */
    List<String> matching(String text) {
        return messages.stream().filter(m -> m.contains(text)).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }
}
