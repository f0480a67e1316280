package io.palisade.testkit.netns;

/**
 * A veth pair: what enters one end leaves the other.
 *
 * @param namespaceA the namespace holding end A
 * @param nameA end A's interface name (unique within its namespace only)
 * @param namespaceB the namespace holding end B
 * @param nameB end B's interface name
 */
public record VethPair(Namespace namespaceA, String nameA, Namespace namespaceB, String nameB) {}
