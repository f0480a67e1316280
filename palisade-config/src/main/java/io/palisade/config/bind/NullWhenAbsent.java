package io.palisade.config.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An absent key yields {@code null} instead of a block of defaults: used where absence means "not configured"
 * (a backup link, a NAT translation) rather than "use the defaults".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface NullWhenAbsent {}
