package io.palisade.config.store;

/**
 * One committed configuration version.
 *
 * @param version commit number, starting at 1 and only growing (a rollback is a new commit)
 * @param committedAtMs wall-clock time of the commit, epoch milliseconds
 * @param source who committed: {@code boot}, {@code file}, {@code api}, {@code cli}, {@code ha-sync},
 *     {@code rollback}
 * @param description free text given with the commit
 * @param digest SHA-256 of the whole configuration
 * @param sharedDigest SHA-256 of the part that synchronises to an HA peer
 */
public record VersionInfo(
        long version, long committedAtMs, String source, String description, String digest, String sharedDigest) {}
