package io.palisade.lab.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lab folders for the namespace tests (kept under the temporary directory for post-mortems). */
final class LabDirs {
    private LabDirs() {}

    static Path create(String name) {
        try {
            return Files.createTempDirectory("palisade-it-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
