package io.palisade.ops;

/**
 * A configuration as YAML.
 *
 * @param version committed version (0 for a candidate that differs from running)
 * @param digest content digest
 * @param yaml the text
 */
public record ConfigText(long version, String digest, String yaml) {}
