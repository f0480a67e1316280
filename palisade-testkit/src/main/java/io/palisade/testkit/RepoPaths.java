package io.palisade.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root from a test's working directory (a module folder under Maven). */
public final class RepoPaths {
    private RepoPaths() {}

    /** The folder holding the launcher script {@code palisade} and the reactor pom. */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("palisade")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException(
                "repository root not found above " + Path.of("").toAbsolutePath());
    }

    public static Path examples() {
        return root().resolve("examples");
    }
}
