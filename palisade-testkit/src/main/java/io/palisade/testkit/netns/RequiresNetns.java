package io.palisade.testkit.netns;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs network namespaces. Where they are unavailable (not root, no {@code ip})
 * the tests are skipped with the reason shown in the report instead of failing.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NetnsCondition.class)
public @interface RequiresNetns {}
