package io.palisade.lab.netns;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.lab.realtraffic.RealTrafficMain;
import io.palisade.lab.realtraffic.TrafficReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real traffic client on the lab's client host: it starts at once in its own JVM and writes its
 * {@link TrafficReport} when its time is up.
 */
public final class TrafficRun {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Process process;
    private final Path output;
    private final double seconds;
    private final NetnsLab lab;

    private TrafficRun(NetnsLab lab, Process process, Path output, double seconds) {
        this.lab = lab;
        this.process = process;
        this.output = output;
        this.seconds = seconds;
    }

    /**
     * Starts the client towards the lab's server.
     *
     * @param connections long-lived TCP connections (0: probe stream only)
     * @param exchangeMs pause between one connection's exchanges
     * @param seconds how long traffic runs
     */
    public static TrafficRun start(NetnsLab lab, String name, int connections, int exchangeMs, double seconds) {
        Path output = lab.directory().resolve(name + ".json");
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw LabException.of("cannot replace " + output + ": " + e.getMessage());
        }
        Process p = lab.spawn(
                TopologyBuilder.CLIENT,
                lab.directory().resolve(name + ".log"),
                lab.javaIn(
                        TopologyBuilder.CLIENT,
                        "256m",
                        RealTrafficMain.class.getName(),
                        "client",
                        "--server",
                        lab.settings().topology().serverIp(),
                        "--connections",
                        String.valueOf(connections),
                        "--exchange-ms",
                        String.valueOf(exchangeMs),
                        "--seconds",
                        String.valueOf(seconds),
                        "--out",
                        output.toString()));
        return new TrafficRun(lab, p, output, seconds);
    }

    /** Waits for the client to finish and reads its report. */
    public TrafficReport await() {
        try {
            if (!process.waitFor((long) (seconds * 1000) + 30_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw LabException.of("traffic client did not finish in time");
            }
            if (!Files.exists(output)) {
                throw LabException.of("traffic client wrote no report (exit " + process.exitValue() + "): "
                        + tail(lab.directory()
                                .resolve(output.getFileName().toString().replace(".json", ".log"))));
            }
            return JSON.readValue(output.toFile(), TrafficReport.class);
        } catch (IOException e) {
            throw LabException.of("traffic report " + output + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LabException.of("interrupted");
        }
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(no output)" : lines.getLast();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Connections that exchanged data before {@code faultNs} and had not failed by then. */
    public static int before(TrafficReport r, long faultNs) {
        return (int) r.connections().stream()
                .filter(c -> c.firstOkNs() != 0 && c.firstOkNs() < faultNs)
                .filter(c -> c.errorNs() == 0 || c.errorNs() > faultNs)
                .count();
    }

    /** Of those, connections that never failed and were still exchanging data in the last two seconds. */
    public static int survived(TrafficReport r, long faultNs) {
        return (int) r.connections().stream()
                .filter(c -> c.firstOkNs() != 0 && c.firstOkNs() < faultNs)
                .filter(c -> c.errorNs() == 0 && c.lastOkNs() > faultNs && c.lastOkNs() > r.endNs() - 2_000_000_000L)
                .count();
    }

    /** The longest probe gap that ended after {@code fromNs} (0 when no probe was lost). */
    public static double longestGapMs(TrafficReport r, long fromNs) {
        return r.probe().gaps().stream()
                .filter(g -> g.toNs() > fromNs)
                .mapToDouble(TrafficReport.Gap::millis)
                .max()
                .orElse(0);
    }
}
