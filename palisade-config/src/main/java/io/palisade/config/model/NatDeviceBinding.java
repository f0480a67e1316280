package io.palisade.config.model;

import io.palisade.config.bind.YamlEnum;

/** Active/active NAT rule binding: the rule applies when the session owner is this device (PAN-OS semantics). */
public enum NatDeviceBinding implements YamlEnum {
    DEVICE_0("0"),
    DEVICE_1("1"),
    BOTH("both"),
    PRIMARY("primary");

    private final String yamlName;

    NatDeviceBinding(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
