package io.palisade.config.store;

import io.palisade.config.ConfigException;
import io.palisade.config.ConfigLoader;
import io.palisade.config.ConfigText;
import io.palisade.config.model.PalisadeConfig;
import io.palisade.config.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committer: the one owner of the candidate and running configurations. A commit validates the candidate,
 * lets every {@link ConfigListener} compile it (any may refuse), persists it (the commit point), then swaps
 * the running snapshot and activates the compiled forms. Readers take {@link #running()} without locking.
 */
public final class ConfigService {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigService.class);

    private final ConfigStore store;
    private final Path baseDir;
    private final LongSupplier epochMillis;
    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    private volatile RunningConfig running;
    private volatile PalisadeConfig candidate;

    /**
     * @param store the commit history
     * @param baseDir folder that relative file references resolve against (the config file's folder)
     * @param epochMillis wall clock for commit times
     */
    public ConfigService(ConfigStore store, Path baseDir, LongSupplier epochMillis) {
        this.store = Objects.requireNonNull(store);
        this.baseDir = baseDir;
        this.epochMillis = epochMillis;
        store.current().ifPresent(info -> running = new RunningConfig(info, store.load(info.version(), baseDir)));
        candidate = running == null ? null : running.config();
    }

    public void addListener(ConfigListener listener) {
        listeners.add(listener);
    }

    /** The running configuration, or null before the first commit. */
    public RunningConfig running() {
        return running;
    }

    /** The candidate: the running configuration until someone changes it. */
    public PalisadeConfig candidate() {
        return candidate;
    }

    public ConfigStore store() {
        return store;
    }

    /** Whether the candidate differs from the running configuration. */
    public boolean candidateChanged() {
        PalisadeConfig c = candidate;
        RunningConfig r = running;
        return c != null && (r == null || !ConfigText.digest(c).equals(r.info().digest()));
    }

    /** Replaces the candidate with parsed YAML; refuses (and keeps the old candidate) if it does not validate. */
    public PalisadeConfig setCandidateText(String yaml, String source) {
        PalisadeConfig parsed = ConfigLoader.parse(yaml, source, baseDir).orThrow();
        candidate = parsed;
        return parsed;
    }

    /** Replaces the candidate with a configuration already bound (validation happens at commit). */
    public void setCandidate(PalisadeConfig config) {
        candidate = Objects.requireNonNull(config);
    }

    /** Throws away candidate changes. */
    public void revertCandidate() {
        candidate = running == null ? null : running.config();
    }

    /** Every problem with the candidate, empty when it would commit. */
    public List<Problem> validateCandidate() {
        PalisadeConfig c = candidate;
        if (c == null) {
            return List.of(new Problem("", 0, 0, "there is no candidate configuration"));
        }
        return validate(c);
    }

    private List<Problem> validate(PalisadeConfig config) {
        // Re-parse the canonical text so problems carry the same paths and checks as a file on disk.
        return ConfigLoader.parse(ConfigText.toYaml(config), "candidate", baseDir)
                .problems();
    }

    /** Commits the candidate. */
    public VersionInfo commit(String source, String description) {
        return commitConfig(candidate, source, description);
    }

    /**
     * Commits {@code config} (which becomes the candidate too): validate, prepare every listener, persist,
     * swap, activate. On any refusal nothing changes and a {@link ConfigException} lists why.
     */
    public VersionInfo commitConfig(PalisadeConfig config, String source, String description) {
        commitLock.lock();
        try {
            if (config == null) {
                throw new ConfigException(source, List.of(new Problem("", 0, 0, "nothing to commit")));
            }
            List<Problem> problems = validate(config);
            if (!problems.isEmpty()) {
                throw new ConfigException("candidate", problems);
            }
            long nextVersion = store.current().map(VersionInfo::version).orElse(0L) + 1;
            String digest = ConfigText.digest(config);
            VersionInfo pending = new VersionInfo(
                    nextVersion, epochMillis.getAsLong(), source, description, digest, ConfigText.sharedDigest(config));
            List<ConfigListener.Prepared> prepared = prepareAll(new RunningConfig(pending, config));
            VersionInfo info = store.commit(config, source, description, pending.committedAtMs());
            RunningConfig next = new RunningConfig(info, config);
            running = next;
            candidate = config;
            prepared.forEach(p -> p.activate(next));
            LOG.info(
                    "commit: version {} by {}{}",
                    info.version(),
                    source,
                    description == null || description.isBlank() ? "" : " (" + description + ")");
            return info;
        } finally {
            commitLock.unlock();
        }
    }

    private List<ConfigListener.Prepared> prepareAll(RunningConfig pending) {
        List<ConfigListener.Prepared> prepared = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (ConfigListener l : listeners) {
            try {
                prepared.add(l.prepare(pending));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("candidate", problems);
        }
        return prepared;
    }

    /**
     * Prepares and activates every listener with the current running configuration, without a new version:
     * a restarted node brings its components up on what it last committed.
     */
    public void activateRunning() {
        commitLock.lock();
        try {
            RunningConfig r = running;
            if (r == null) {
                throw new IllegalStateException("nothing has been committed yet");
            }
            prepareAll(r).forEach(p -> p.activate(r));
        } finally {
            commitLock.unlock();
        }
    }

    /** Loads a committed version into the candidate (PAN-OS "load config version"). */
    public PalisadeConfig loadVersion(long version) {
        PalisadeConfig config = store.load(version, baseDir);
        candidate = config;
        return config;
    }

    /** Rolls back: commits an earlier version again as a new version. */
    public VersionInfo rollback(long version) {
        PalisadeConfig config = store.load(version, baseDir);
        return commitConfig(config, "rollback", "rollback to version " + version);
    }

    /** A unified-style line diff between two committed versions (0 = the candidate). */
    public String diff(long fromVersion, long toVersion) {
        return TextDiff.unified(textOf(fromVersion), textOf(toVersion), label(fromVersion), label(toVersion));
    }

    private String textOf(long version) {
        return version == 0 ? ConfigText.toYaml(candidate) : store.text(version);
    }

    private static String label(long version) {
        return version == 0 ? "candidate" : "version " + version;
    }
}
