package io.palisade.testkit.packets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared capture files ({@code shared/data/pcaps}) from wherever a test runs: the system property
 * {@value #DIRECTORY_PROPERTY} when set, otherwise the first ancestor of the working directory that has
 * {@code shared/data/pcaps} beside it (so it works from a module directory of the main checkout and of a
 * worktree alike).
 */
public final class TestCaptures {
    /** System property naming the {@code pcaps} directory explicitly. */
    public static final String DIRECTORY_PROPERTY = "palisade.pcaps.dir";

    private static final Path RELATIVE = Path.of("shared", "data", "pcaps");
    private static final int MAX_ANCESTORS = 16;

    private TestCaptures() {}

    /** The {@code pcaps} directory, if it can be found. */
    public static Optional<Path> pcapsDirectory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; dir != null && i < MAX_ANCESTORS; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The tcpdump test-suite captures ({@code pcaps/tcpdump-tests}), if present. */
    public static Optional<Path> tcpdumpTests() {
        return pcapsDirectory().map(p -> p.resolve("tcpdump-tests")).filter(Files::isDirectory);
    }
}
