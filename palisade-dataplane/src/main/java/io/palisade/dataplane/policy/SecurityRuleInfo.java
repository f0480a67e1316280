package io.palisade.dataplane.policy;

import io.palisade.config.model.RuleAction;

/**
 * What counters, logs and the engine need of a matched security rule, including the two PAN-OS default rules.
 *
 * @param index rule index in {@code config.securityRules()}, or a default-rule sentinel of {@link CompiledPolicy}
 * @param name rule name ({@code intrazone-default} / {@code interzone-default} for the defaults)
 * @param action what happens to the session
 * @param logStart traffic log at session start
 * @param logEnd traffic log at session end
 */
public record SecurityRuleInfo(int index, String name, RuleAction action, boolean logStart, boolean logEnd) {
    static final SecurityRuleInfo INTRAZONE =
            new SecurityRuleInfo(CompiledPolicy.INTRAZONE_DEFAULT, "intrazone-default", RuleAction.ALLOW, false, false);
    static final SecurityRuleInfo INTERZONE =
            new SecurityRuleInfo(CompiledPolicy.INTERZONE_DEFAULT, "interzone-default", RuleAction.DENY, false, false);

    /** Whether this is one of the default rules rather than a configured one. */
    public boolean isDefault() {
        return index < 0;
    }
}
