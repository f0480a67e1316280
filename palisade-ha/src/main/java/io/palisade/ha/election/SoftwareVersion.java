package io.palisade.ha.election;

/**
 * A software version {@code major.minor.patch}. Peers are compatible when major and minor match, so a pair can
 * be upgraded one node at a time across patch releases.
 *
 * @param major major release
 * @param minor feature release
 * @param patch maintenance release
 */
public record SoftwareVersion(int major, int minor, int patch) {
    public SoftwareVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version component");
        }
    }

    /** Parses {@code 1.2.3}, {@code 1.2} or {@code 1.2.3-SNAPSHOT} (a suffix after a dash is ignored). */
    public static SoftwareVersion parse(String text) {
        String core = text.strip();
        int dash = core.indexOf('-');
        if (dash >= 0) {
            core = core.substring(0, dash);
        }
        String[] parts = core.split("\\.");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("not a version: " + text);
        }
        try {
            int patch = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
            return new SoftwareVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), patch);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a version: " + text, e);
        }
    }

    /** Whether an HA peer running {@code other} can pair with this version. */
    public boolean isCompatibleWith(SoftwareVersion other) {
        return major == other.major && minor == other.minor;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
