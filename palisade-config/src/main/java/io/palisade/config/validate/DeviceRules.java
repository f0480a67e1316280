package io.palisade.config.validate;

import io.palisade.config.model.DeviceConfig;
import io.palisade.config.model.ManagementConfig;
import io.palisade.config.model.SessionSettings;

/** Device identity, management, logging and session settings. */
final class DeviceRules {
    private DeviceRules() {}

    static void check(Checks c) {
        device(c, c.config.device());
        session(c, c.config.session());
    }

    private static void device(Checks c, DeviceConfig d) {
        if (d == null) {
            return;
        }
        if (d.hostname() != null && !d.hostname().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            c.problem(
                    "device.hostname",
                    "hostname '" + d.hostname()
                            + "' must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        c.range(d.workers(), 0, 256, "device.workers", "workers");
        management(c, d.management());
        if (d.logging() != null) {
            c.range(d.logging().maxFileSizeMb(), 1, 1024, "device.logging.max-file-size-mb", "log file size (MB)");
            c.range(d.logging().maxFiles(), 1, 100, "device.logging.max-files", "rotated log files");
        }
    }

    private static void management(Checks c, ManagementConfig m) {
        if (m == null) {
            return;
        }
        String path = "device.management";
        if (m.apiKey() == null && m.apiKeyFile() == null) {
            c.problem(path, "set api-key or api-key-file: the REST API, dashboard and CLI need a key");
        } else if (m.apiKey() != null && m.apiKeyFile() != null) {
            c.problem(path + ".api-key-file", "set either api-key or api-key-file, not both");
        } else if (m.apiKey() != null && m.apiKey().length() < 8) {
            c.problem(path + ".api-key", "api-key must be at least 8 characters");
        }
        c.fileExists(m.apiKeyFile(), path + ".api-key-file", "API key file");
        if (m.tls() != null) {
            c.fileExists(m.tls().certificate(), path + ".tls.certificate", "certificate");
            c.fileExists(m.tls().key(), path + ".tls.key", "key");
        }
        c.range(m.maxRequestBytes(), 1024, 64L * 1024 * 1024, path + ".max-request-bytes", "max-request-bytes");
    }

    private static void session(Checks c, SessionSettings s) {
        if (s == null) {
            return;
        }
        c.range(s.capacity(), 1024, 100_000_000, "session.capacity", "session capacity");
        var t = s.timeouts();
        if (t == null) {
            return;
        }
        String p = "session.timeouts.";
        long max = 15_999_999;
        c.range(t.tcp(), 1, max, p + "tcp", "tcp timeout (s)");
        c.range(t.tcpInit(), 1, 60, p + "tcp-init", "tcp-init timeout (s)");
        c.range(t.tcpHandshake(), 1, 60, p + "tcp-handshake", "tcp-handshake timeout (s)");
        c.range(t.tcpHalfClosed(), 1, 604_800, p + "tcp-half-closed", "tcp-half-closed timeout (s)");
        c.range(t.tcpTimeWait(), 1, 600, p + "tcp-time-wait", "tcp-time-wait timeout (s)");
        c.range(t.tcpUnverifiedRst(), 1, 600, p + "tcp-unverified-rst", "tcp-unverified-rst timeout (s)");
        c.range(t.udp(), 1, max, p + "udp", "udp timeout (s)");
        c.range(t.icmp(), 1, max, p + "icmp", "icmp timeout (s)");
        c.range(t.otherIp(), 1, max, p + "default", "default timeout (s)");
        c.range(t.discardTcp(), 1, max, p + "discard-tcp", "discard-tcp timeout (s)");
        c.range(t.discardUdp(), 1, max, p + "discard-udp", "discard-udp timeout (s)");
        c.range(t.discardDefault(), 1, max, p + "discard-default", "discard-default timeout (s)");
        c.range(t.scan(), 5, 30, p + "scan", "scan timeout (s)");
        c.range(t.captivePortal(), 1, max, p + "captive-portal", "captive-portal timeout (s)");
    }
}
