package io.palisade.dataplane.nat;

/**
 * One entry of the NAT table: a NAT rule's translation, or the implicit reverse entry of a bi-directional static rule.
 *
 * @param ruleIndex index of the rule in {@code config.natRules()}
 * @param ruleName the rule's name (reverse entries carry the same name)
 * @param reverse whether this is the implicit reverse entry of a bi-directional rule
 * @param source source translation, or null
 * @param destination destination translation, or null
 */
public record NatEntry(
        int ruleIndex, String ruleName, boolean reverse, SourceTranslator source, DestinationTranslator destination) {}
