package io.palisade.config.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names one permitted record of a sealed configuration type; the YAML block selects it with its {@code type}
 * key (for example {@code backing: {type: af-packet, link: veth0}}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TypeName {
    String value();
}
