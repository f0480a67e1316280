package io.palisade.ha.sync;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** Collects the HA2 package's log lines (level and formatted message) so tests can check what operators see. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger logger;

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    static LogCapture attach() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.palisade.ha.sync");
        LogCapture capture = new LogCapture(logger);
        capture.setContext(logger.getLoggerContext());
        capture.start();
        logger.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(event.getLevel() + " " + event.getFormattedMessage());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether one line contains every fragment. */
    boolean has(String... fragments) {
        return lines.stream().anyMatch(line -> Arrays.stream(fragments).allMatch(line::contains));
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
