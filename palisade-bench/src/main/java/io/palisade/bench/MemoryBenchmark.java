package io.palisade.bench;

import io.palisade.dataplane.session.SessionLayout;
import io.palisade.dataplane.session.SessionState;
import io.palisade.dataplane.session.SessionTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes per session, measured: the process's resident memory (VmRSS) and the Java heap before and after
 * installing {@code sessions} IPv4 sessions with distinct keys into one worker's table, divided by the count.
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {}

    public static BenchResult run(int sessions) {
        System.gc();
        long rssBefore = rssBytes();
        long heapBefore = heapUsed();
        SessionTable t = new SessionTable(SessionLayout.IPV4, sessions);
        int installed = 0;
        for (int i = 0; i < sessions; i++) {
            int rec = t.allocate();
            long client = 0x0A00_0000L | i;
            t.setKey(rec, SessionTable.C2S, 0, client, 0, 0xC6120109L, 10000 + (i & 0x7fff), 443, 6, 0);
            t.setKey(
                    rec, SessionTable.S2C, 0, 0xC6120109L, 0, 0xC612000AL + (i >>> 16), 443, 1024 + (i & 0xffff), 6, 1);
            if (t.publish(rec, SessionState.ACTIVE)) {
                installed++;
            }
        }
        System.gc();
        long rssAfter = rssBytes();
        long heapAfter = heapUsed();
        long offHeap = t.offHeapBytes();
        double perSession = (double) (rssAfter - rssBefore + Math.max(0, heapAfter - heapBefore)) / installed;
        BenchResult r = BenchResult.of("memory", Math.round(perSession * 10) / 10.0, "bytes per session")
                .with("sessions", installed)
                .with("rssDeltaBytes", rssAfter - rssBefore)
                .with("heapDeltaBytes", heapAfter - heapBefore)
                .with("tableOffHeapBytes", offHeap)
                .with("tableBytesPerSession", Math.round(offHeap * 10.0 / installed) / 10.0)
                .with("recordBytes", SessionLayout.IPV4.recordSize())
                .with(
                        "measures",
                        "VmRSS and heap growth while installing IPv4 sessions (both keys indexed) into one"
                                + " table sized for them")
                .with("target", "at most 128 bytes per session at 10 million sessions");
        t.close();
        return r;
    }

    private static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Resident set size from /proc/self/status. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
