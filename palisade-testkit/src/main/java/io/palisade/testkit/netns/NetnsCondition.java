package io.palisade.testkit.netns;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The JUnit condition behind {@link RequiresNetns}: disabled, with a visible reason, when namespaces cannot work. */
public final class NetnsCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return NetnsSupport.unavailableReason()
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("root and `ip` are available"));
    }
}
