package io.palisade.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The node's system log: everything at INFO and above (HA transitions and events, commits, monitor changes,
 * link events) as readable lines ({@code system.log}) and as JSON lines ({@code system.json}), both rotated by
 * size; readable lines also go to stderr for whoever started the node.
 */
final class LogSetup {
    private LogSetup() {}

    static void configure(Path directory, String hostname, int maxFileSizeMb, int maxFiles, boolean console) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J backend: leave logging as it is
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        String pattern = "%d{yyyy-MM-dd HH:mm:ss.SSS} " + hostname + " %-5level %logger{0}: %msg%n";
        root.addAppender(rolling(ctx, directory.resolve("system.log"), text(ctx, pattern), maxFileSizeMb, maxFiles));
        root.addAppender(rolling(ctx, directory.resolve("system.json"), json(ctx), maxFileSizeMb, maxFiles));
        if (console) {
            ConsoleAppender<ILoggingEvent> err = new ConsoleAppender<>();
            err.setContext(ctx);
            err.setTarget("System.err");
            err.setEncoder(text(ctx, "%d{HH:mm:ss.SSS} " + hostname + " %-5level %logger{0}: %msg%n"));
            err.start();
            root.addAppender(err);
        }
        ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        ctx.getLogger("io.javalin").setLevel(Level.WARN);
    }

    private static Encoder<ILoggingEvent> text(LoggerContext ctx, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(pattern);
        e.start();
        return e;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext ctx) {
        JsonEncoder e = new JsonEncoder();
        e.setContext(ctx);
        e.start();
        return e;
    }

    private static RollingFileAppender<ILoggingEvent> rolling(
            LoggerContext ctx, Path file, Encoder<ILoggingEvent> encoder, int maxFileSizeMb, int maxFiles) {
        RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
        a.setContext(ctx);
        a.setFile(file.toString());
        a.setEncoder(encoder);
        FixedWindowRollingPolicy policy = new FixedWindowRollingPolicy();
        policy.setContext(ctx);
        policy.setParent(a);
        policy.setFileNamePattern(file + ".%i");
        policy.setMinIndex(1);
        policy.setMaxIndex(maxFiles);
        policy.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(ctx);
        trigger.setMaxFileSize(FileSize.valueOf(maxFileSizeMb + "MB"));
        trigger.start();
        a.setRollingPolicy(policy);
        a.setTriggeringPolicy(trigger);
        a.start();
        return a;
    }
}
