package io.palisade.ops;

/**
 * The result of a policy test.
 *
 * @param rule matching rule name, or {@code intrazone-default} / {@code interzone-default}
 * @param action the rule's action
 * @param index rule position (1-based), 0 for a default rule
 * @param application the application used for matching
 */
public record PolicyMatchResult(String rule, String action, int index, String application) {}
