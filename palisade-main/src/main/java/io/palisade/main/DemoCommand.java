package io.palisade.main;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.palisade.common.UserError;
import io.palisade.config.ConfigLoader;
import io.palisade.config.model.HaConfig;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.model.SecurityRule;
import io.palisade.config.store.ConfigService;
import io.palisade.config.store.ConfigStore;
import io.palisade.config.store.VersionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./palisade demo}: for now the configuration walk-through. Every bundled example is validated and
 * committed into a fresh store, one rule is changed and committed, the change is diffed and rolled back, and
 * the resulting running configuration is summarised. Later issues turn this into the HA failover lab.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description = "Run the main job (currently: validate, commit, diff and roll back the"
                + " bundled example configurations and summarise them).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(
            names = "--examples",
            description = "Folder of example configurations: run the configuration walk-through instead.")
    Path examples;

    @Option(names = "--fault", defaultValue = "kill", description = "kill, ha1-down, link-down, path-down, suspend.")
    String fault;

    @Option(names = "--profile", defaultValue = "aggressive", description = "HA timers: aggressive or advanced.")
    String profile;

    @Option(names = "--flows", defaultValue = "200", description = "Long-lived TCP connections.")
    int flows;

    @Option(names = "--stay", description = "Leave the namespace lab running afterwards.")
    boolean stay;

    @Override
    public Integer call() throws IOException {
        if (examples == null
                && io.palisade.lab.netns.NetnsLab.unavailableReason().isEmpty()) {
            var report = io.palisade.lab.netns.NetnsDemo.run(
                    new io.palisade.lab.demo.DemoOptions(fault, profile, flows, 5, 6, stay));
            System.out.print(
                    json
                            ? new ObjectMapper()
                                            .enable(SerializationFeature.INDENT_OUTPUT)
                                            .writeValueAsString(report) + "\n"
                            : io.palisade.lab.netns.DemoText.format(report));
            return report.sessionsSurvived() == report.sessionsBefore() ? 0 : UserError.FAILURE;
        }
        if (examples == null) {
            examples = Path.of("examples");
        }
        if (!Files.isDirectory(examples)) {
            throw new UserError("examples folder not found: " + examples.toAbsolutePath());
        }
        Path state = Files.createTempDirectory("palisade-demo-");
        List<Map<String, Object>> reports = new ArrayList<>();
        boolean allOk = true;
        try {
            for (Path file : exampleFiles()) {
                Map<String, Object> report = demoOne(file, state);
                allOk &= Boolean.TRUE.equals(report.get("ok"));
                reports.add(report);
            }
        } finally {
            deleteTree(state);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", "config");
        out.put("note", "the HA failover lab replaces this walk-through when it lands");
        out.put("examples", reports);
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(out));
        } else {
            reports.forEach(DemoCommand::printText);
        }
        return allOk ? 0 : UserError.FAILURE;
    }

    private List<Path> exampleFiles() throws IOException {
        try (Stream<Path> s = Files.walk(examples)) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    private static Map<String, Object> demoOne(Path file, Path state) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.toString());
        ConfigLoader.Result loaded = ConfigLoader.load(file);
        r.put("ok", loaded.ok());
        if (!loaded.ok()) {
            r.put(
                    "problems",
                    loaded.problems().stream()
                            .map(p -> p.format(file.toString()))
                            .toList());
            return r;
        }
        PalisadeConfig config = loaded.config();
        Path storeDir = state.resolve(file.toString().replaceAll("[^A-Za-z0-9]", "_"));
        ConfigService service = new ConfigService(
                ConfigStore.open(storeDir), file.toAbsolutePath().getParent(), System::currentTimeMillis);
        VersionInfo first = service.commitConfig(config, "file", "initial commit of " + file.getFileName());
        VersionInfo second = service.commitConfig(withFirstRuleDisabled(config), "demo", "disable the first rule");
        String diff = service.diff(first.version(), second.version());
        VersionInfo rolledBack = service.rollback(first.version());
        r.put("hostname", config.device().hostname());
        r.put("summary", summary(config));
        r.put(
                "versions",
                service.store().history().stream()
                        .map(v -> v.version() + " " + v.source() + ": " + v.description())
                        .toList());
        r.put(
                "diffLines",
                diff.lines()
                        .filter(l ->
                                l.startsWith("+ ") || l.startsWith("- ") || l.startsWith("+  ") || l.startsWith("-  "))
                        .toList());
        r.put("runningVersion", rolledBack.version());
        r.put("runningDigest", rolledBack.digest());
        r.put("rollbackRestoredDigest", rolledBack.digest().equals(first.digest()));
        r.put("ok", rolledBack.digest().equals(first.digest()));
        return r;
    }

    private static PalisadeConfig withFirstRuleDisabled(PalisadeConfig c) {
        List<SecurityRule> rules = new ArrayList<>(c.securityRules());
        if (!rules.isEmpty()) {
            SecurityRule r = rules.getFirst();
            rules.set(
                    0,
                    new SecurityRule(
                            r.name(),
                            r.from(),
                            r.to(),
                            r.source(),
                            r.destination(),
                            r.negateSource(),
                            r.negateDestination(),
                            r.sourceUser(),
                            r.application(),
                            r.service(),
                            r.action(),
                            r.logStart(),
                            r.logEnd(),
                            true,
                            r.description()));
        }
        return new PalisadeConfig(
                c.device(),
                c.interfaces(),
                c.aggregateInterfaces(),
                c.virtualWires(),
                c.zones(),
                c.zoneProtectionProfiles(),
                c.virtualRouter(),
                c.addresses(),
                c.addressGroups(),
                c.services(),
                c.serviceGroups(),
                c.applications(),
                c.userId(),
                rules,
                c.natRules(),
                c.session(),
                c.highAvailability());
    }

    static Map<String, Object> summary(PalisadeConfig c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(
                "interfaces",
                c.interfaces().stream()
                        .map(i ->
                                i.name() + " (" + i.mode().name().toLowerCase().replace('_', '-')
                                        + (i.addresses().isEmpty() ? "" : " " + i.addresses()) + ")")
                        .toList());
        s.put(
                "zones",
                c.zones().stream().map(z -> z.name() + " " + z.interfaces()).toList());
        s.put("virtualWires", c.virtualWires().size());
        s.put("securityRules", c.securityRules().size());
        s.put("natRules", c.natRules().size());
        s.put("staticRoutes", c.virtualRouter().staticRoutes().size());
        HaConfig ha = c.highAvailability();
        s.put(
                "highAvailability",
                !ha.enabled()
                        ? "disabled"
                        : ha.mode().name().toLowerCase().replace('_', '-') + ", group " + ha.groupId() + ", priority "
                                + ha.election().devicePriority()
                                + (ha.election().preemptive() ? ", preemptive" : "")
                                + ", timers "
                                + ha.election().timers().profile().name().toLowerCase());
        return s;
    }

    @SuppressWarnings("unchecked")
    private static void printText(Map<String, Object> r) {
        System.out.println("== " + r.get("file"));
        if (!Boolean.TRUE.equals(r.get("ok")) && r.containsKey("problems")) {
            ((List<String>) r.get("problems")).forEach(p -> System.out.println("  " + p));
            return;
        }
        System.out.println("  hostname " + r.get("hostname"));
        ((Map<String, Object>) r.get("summary")).forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.println("  commit history:");
        ((List<String>) r.get("versions")).forEach(v -> System.out.println("    " + v));
        System.out.println("  diff 1 -> 2: " + r.get("diffLines"));
        System.out.println("  running: version " + r.get("runningVersion") + ", digest "
                + ((String) r.get("runningDigest")).substring(0, 16) + "..., rollback restored version 1: "
                + r.get("rollbackRestoredDigest"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
