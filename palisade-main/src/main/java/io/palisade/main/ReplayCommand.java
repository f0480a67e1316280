package io.palisade.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.common.UserError;
import io.palisade.config.ConfigLoader;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.dataplane.replay.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./palisade replay}: pushes a pcap/pcapng capture through the session engine. */
@Command(
        mixinStandardHelpOptions = true,
        name = "replay",
        description = "Push a pcap/pcapng capture through the session engine (a virtual wire; without --config it"
                + " allows everything). Every packet is forwarded, dropped with a reason, or unsupported.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, description = "Capture file (pcap or pcapng).")
    Path in;

    @Option(names = "--config", description = "Configuration with a virtual wire whose policy applies.")
    Path config;

    @Option(names = "--out", description = "Write the forwarded packets (after NAT) to this pcap file.")
    Path out;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--accept-midstream", description = "Turn tcp-reject-non-syn off.")
    boolean acceptMidstream;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(in)) {
            throw new UserError(in + ": no such file");
        }
        PalisadeConfig cfg = null;
        if (config != null) {
            cfg = ConfigLoader.load(config).orThrow();
            if (cfg.virtualWires().isEmpty()) {
                throw new UserError(config + ": replay needs a virtual wire in the configuration");
            }
        }
        Replay.Result r;
        try {
            r = Replay.run(new Replay.Options(in, cfg, out, acceptMidstream));
        } catch (io.palisade.dataplane.capture.CaptureFormatException e) {
            throw new UserError(in + ": " + e.getMessage(), UserError.FAILURE, e);
        }
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toMap(r)));
        } else {
            printText(r);
        }
        if (r.error() != null) {
            System.err.println("palisade: " + in + ": " + r.error() + " (counts above are the packets before it)");
            return UserError.FAILURE;
        }
        return 0;
    }

    private Map<String, Object> toMap(Replay.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", in.toString());
        m.put("packets", r.packets());
        m.put("forwarded", r.forwarded());
        m.put("dropped", r.dropped());
        m.put("unsupported", r.unsupported());
        m.put("sessions", r.sessions());
        m.put("drops", r.drops());
        m.put("linkType", r.linkType());
        m.put("elapsedMs", r.elapsedMs());
        if (r.error() != null) {
            m.put("error", r.error());
        }
        return m;
    }

    private void printText(Replay.Result r) {
        System.out.printf(
                "replayed %s: %d packets, %d forwarded, %d dropped, %d unsupported (link type %d) in %d ms%n",
                in, r.packets(), r.forwarded(), r.dropped(), r.unsupported(), r.linkType(), r.elapsedMs());
        System.out.println("sessions created: " + r.sessions());
        if (!r.drops().isEmpty()) {
            System.out.println("drops:");
            r.drops().forEach((k, v) -> System.out.printf("  %-32s %d%n", k, v));
        }
    }
}
