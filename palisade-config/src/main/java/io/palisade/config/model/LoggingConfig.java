package io.palisade.config.model;

import io.palisade.config.bind.Default;

/**
 * Log files of a node: the system log (HA events, commits, monitor changes) as text and JSON lines, and the
 * traffic log as JSON lines. Files rotate by size.
 *
 * @param directory folder for the log files, relative to the state directory
 * @param maxFileSizeMb size at which a file rotates
 * @param maxFiles rotated files kept per log
 */
public record LoggingConfig(
        @Default("logs") String directory,
        @Default("10") int maxFileSizeMb,
        @Default("5") int maxFiles) {}
