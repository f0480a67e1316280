package io.palisade.ha.sync;

import io.palisade.config.model.Ha2KeepAliveAction;
import io.palisade.config.model.HaConfig;
import java.util.Objects;

/**
 * HA2 tuning. Defaults suit a dedicated LAN link; tests shorten the timers. Times are milliseconds.
 *
 * @param groupId HA group id, for log lines
 * @param syncEnabled synchronise sessions (otherwise sessions are only marked, and a later bulk sync covers them)
 * @param mtu link MTU; UDP frames are this less the IP and UDP headers, Ethernet frames this much payload
 * @param flushDelayMs longest a queued session change waits before it is sent (pfsync waits up to a second)
 * @param queueCapacity entries per worker sync queue; a full queue is flushed at once
 * @param retransmitFrames frames each stream keeps for resending
 * @param reorderFrames frames a receiver holds per stream while it waits for a missing one
 * @param gapRetryMs wait before asking again for missing frames
 * @param gapMaxRetries requests for one gap before it is given up (counted lost, bulk sync requested)
 * @param bulkSliceRecords record slots a worker walks per duty cycle during a bulk sync
 * @param bulkTimeoutMs a bulk sync with no progress for this long is requested again
 * @param bulkMaxTries bulk requests before the bulk sync is reported failed (pfsync: 12)
 * @param keepAliveIntervalMs keep-alive period on every link
 * @param keepAliveThresholdMs no keep-alive for this long: the link is down
 * @param keepAliveMonitor report and log link down and recovery (PAN-OS {@code ha2-keep-alive enabled})
 * @param keepAliveAction what the report asks for: log-only or split-datapath (the HA agent decides)
 * @param syncCounters also send packet and byte counters with each upsert
 * @param heartbeatBackup keep-alives double as heartbeats for the HA agent
 * @param refreshIntervalMs sessions with traffic are sent again at least this often, so the peer's copies do not
 *     idle out while the sessions live on here (0: never; only state changes are sent)
 */
public record Ha2Options(
        int groupId,
        boolean syncEnabled,
        int mtu,
        int flushDelayMs,
        int queueCapacity,
        int retransmitFrames,
        int reorderFrames,
        int gapRetryMs,
        int gapMaxRetries,
        int bulkSliceRecords,
        int bulkTimeoutMs,
        int bulkMaxTries,
        int keepAliveIntervalMs,
        int keepAliveThresholdMs,
        boolean keepAliveMonitor,
        Ha2KeepAliveAction keepAliveAction,
        boolean syncCounters,
        boolean heartbeatBackup,
        int refreshIntervalMs) {

    /** Ethernet MTU. */
    public static final int DEFAULT_MTU = 1500;

    /** Production defaults. */
    public static final Ha2Options DEFAULTS = new Ha2Options(
            1,
            true,
            DEFAULT_MTU,
            10,
            1024,
            1024,
            256,
            20,
            5,
            4096,
            5000,
            12,
            1000,
            10_000,
            false,
            Ha2KeepAliveAction.LOG_ONLY,
            false,
            false,
            10_000);

    public Ha2Options {
        Objects.requireNonNull(keepAliveAction, "keepAliveAction");
        positive("flush delay", flushDelayMs);
        positive("queue capacity", queueCapacity);
        positive("retransmit frames", retransmitFrames);
        positive("reorder frames", reorderFrames);
        positive("gap retry", gapRetryMs);
        positive("bulk slice", bulkSliceRecords);
        positive("bulk timeout", bulkTimeoutMs);
        positive("bulk tries", bulkMaxTries);
        positive("keep-alive interval", keepAliveIntervalMs);
        if (gapMaxRetries < 0) {
            throw new IllegalArgumentException("HA2 gap retries must be 0 or more");
        }
        if (keepAliveThresholdMs < 2 * keepAliveIntervalMs) {
            throw new IllegalArgumentException("HA2 keep-alive threshold " + keepAliveThresholdMs
                    + " ms must be at least twice the interval " + keepAliveIntervalMs + " ms");
        }
        if (refreshIntervalMs < 0) {
            throw new IllegalArgumentException("HA2 refresh interval must be 0 (off) or positive");
        }
        if (queueCapacity < 64) {
            throw new IllegalArgumentException("HA2 queue capacity " + queueCapacity + " is below 64");
        }
    }

    /**
     * From the {@code ha} block: state synchronisation and HA2 keep-alive settings, heartbeat backup, group id.
     */
    public static Ha2Options fromConfig(HaConfig ha) {
        HaConfig.StateSynchronization sync = ha.stateSynchronization();
        HaConfig.Ha2KeepAlive keepAlive = sync == null ? null : sync.ha2KeepAlive();
        Ha2Options base = DEFAULTS;
        // With heartbeat backup the keep-alive is the heartbeat on that path, so it must come at least as often
        // as a heartbeat: at a fixed 1 s, a pair with a 100 ms heartbeat (x3) declared the peer failed between two
        // keep-alives as soon as both HA1 links were lost, a split brain the backup exists to prevent
        // (HaSplitBrainTest). The threshold stays as configured (at least 5000 ms, so twice any such interval).
        int keepAliveIntervalMs =
                ha.heartbeatBackup() && ha.election() != null && ha.election().timers() != null
                        ? Math.min(
                                base.keepAliveIntervalMs,
                                ha.election().timers().resolve().heartbeatIntervalMs())
                        : base.keepAliveIntervalMs;
        return new Ha2Options(
                ha.groupId(),
                sync == null || sync.enabled(),
                base.mtu,
                base.flushDelayMs,
                base.queueCapacity,
                base.retransmitFrames,
                base.reorderFrames,
                base.gapRetryMs,
                base.gapMaxRetries,
                base.bulkSliceRecords,
                base.bulkTimeoutMs,
                base.bulkMaxTries,
                keepAliveIntervalMs,
                keepAlive == null ? base.keepAliveThresholdMs : keepAlive.thresholdMs(),
                keepAlive != null && keepAlive.enabled(),
                keepAlive == null ? Ha2KeepAliveAction.LOG_ONLY : keepAlive.action(),
                base.syncCounters,
                ha.heartbeatBackup(),
                base.refreshIntervalMs);
    }

    /** These options with other flush and gap timers (tests). */
    public Ha2Options withTimers(int flushMs, int gapRetry, int gapRetries, int bulkTimeout, int bulkTries) {
        return new Ha2Options(
                groupId,
                syncEnabled,
                mtu,
                flushMs,
                queueCapacity,
                retransmitFrames,
                reorderFrames,
                gapRetry,
                gapRetries,
                bulkSliceRecords,
                bulkTimeout,
                bulkTries,
                keepAliveIntervalMs,
                keepAliveThresholdMs,
                keepAliveMonitor,
                keepAliveAction,
                syncCounters,
                heartbeatBackup,
                refreshIntervalMs);
    }

    /** These options with other keep-alive settings. */
    public Ha2Options withKeepAlive(int intervalMs, int thresholdMs, boolean monitor, Ha2KeepAliveAction action) {
        return new Ha2Options(
                groupId,
                syncEnabled,
                mtu,
                flushDelayMs,
                queueCapacity,
                retransmitFrames,
                reorderFrames,
                gapRetryMs,
                gapMaxRetries,
                bulkSliceRecords,
                bulkTimeoutMs,
                bulkMaxTries,
                intervalMs,
                thresholdMs,
                monitor,
                action,
                syncCounters,
                heartbeatBackup,
                refreshIntervalMs);
    }

    /** These options with another MTU and resend buffer (benchmarks, small-frame tests). */
    public Ha2Options withFrames(int linkMtu, int retransmit, int reorder, int bulkSlice) {
        return new Ha2Options(
                groupId,
                syncEnabled,
                linkMtu,
                flushDelayMs,
                queueCapacity,
                retransmit,
                reorder,
                gapRetryMs,
                gapMaxRetries,
                bulkSlice,
                bulkTimeoutMs,
                bulkMaxTries,
                keepAliveIntervalMs,
                keepAliveThresholdMs,
                keepAliveMonitor,
                keepAliveAction,
                syncCounters,
                heartbeatBackup,
                refreshIntervalMs);
    }

    /** These options with counters synchronised or not, and sync on or off. */
    public Ha2Options withSync(boolean enabled, boolean counters) {
        return new Ha2Options(
                groupId,
                enabled,
                mtu,
                flushDelayMs,
                queueCapacity,
                retransmitFrames,
                reorderFrames,
                gapRetryMs,
                gapMaxRetries,
                bulkSliceRecords,
                bulkTimeoutMs,
                bulkMaxTries,
                keepAliveIntervalMs,
                keepAliveThresholdMs,
                keepAliveMonitor,
                keepAliveAction,
                counters,
                heartbeatBackup,
                refreshIntervalMs);
    }

    /** These options with another refresh interval (0: off). */
    public Ha2Options withRefresh(int intervalMs) {
        return new Ha2Options(
                groupId,
                syncEnabled,
                mtu,
                flushDelayMs,
                queueCapacity,
                retransmitFrames,
                reorderFrames,
                gapRetryMs,
                gapMaxRetries,
                bulkSliceRecords,
                bulkTimeoutMs,
                bulkMaxTries,
                keepAliveIntervalMs,
                keepAliveThresholdMs,
                keepAliveMonitor,
                keepAliveAction,
                syncCounters,
                heartbeatBackup,
                intervalMs);
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("HA2 " + what + " must be positive, not " + value);
        }
    }
}
