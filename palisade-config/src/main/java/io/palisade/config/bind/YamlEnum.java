package io.palisade.config.bind;

/** An enum whose YAML spelling is not the kebab-case form of its constant name. */
public interface YamlEnum {
    String yamlName();
}
