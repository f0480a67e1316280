package io.palisade.testkit.netns;

/**
 * A network namespace created by a {@link NetnsLab}, named {@code <lab prefix><short name>}.
 *
 * @param name the full name, as {@code ip netns} and {@code /var/run/netns} know it
 * @param shortName the name the test gave it
 */
public record Namespace(String name, String shortName) {}
