package io.palisade.mgmt.shell.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Time texts in the PAN-OS style: {@code last 45 days}, {@code 2026/11/25 18:00:00}, ctime dates. */
public final class Durations {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private Durations() {}

    /** {@code 45 days}, {@code 28 minutes}, {@code 1 second}: the largest unit that reads naturally. */
    public static String since(long fromEpochMs, long nowEpochMs) {
        long s = Math.max(0, (nowEpochMs - fromEpochMs) / 1000);
        if (s < 60) {
            return plural(s, "second");
        }
        if (s < 3600) {
            return plural(s / 60, "minute");
        }
        if (s < 48 * 3600) {
            return plural(s / 3600, "hour");
        }
        return plural(s / 86_400, "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** {@code 2026/11/25 18:00:00} in {@code zone}. */
    public static String stamp(long epochMs, ZoneId zone) {
        return STAMP.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** {@code Sat May  6 09:58:41 2023} in {@code zone}. */
    public static String ctime(long epochMs, ZoneId zone) {
        return CTIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** {@code 1 min} for whole minutes, else {@code 1500 ms}, as PAN-OS prints HA intervals. */
    public static String interval(long ms) {
        return ms >= 60_000 && ms % 60_000 == 0 ? (ms / 60_000) + " min" : ms + " ms";
    }

    /** {@code 2 days, 3:04:05}, as {@code show system info} prints uptime. */
    public static String uptime(long ms) {
        long s = Math.max(0, ms / 1000);
        return "%d days, %d:%02d:%02d".formatted(s / 86_400, (s / 3600) % 24, (s / 60) % 60, s % 60);
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    static String trueFalse(boolean value) {
        return value ? "True" : "False";
    }
}
