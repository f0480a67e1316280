package io.palisade.dataplane.policy;

import io.palisade.config.ConfigLoader;
import io.palisade.config.model.PalisadeConfig;

/** YAML configurations for policy tests: three layer-3 zones with IPv4 and IPv6 subnets, plus a test's body. */
final class TestConfigs {
    static final String BASE = """
            device:
              hostname: fw-t
              management: {api-key: test-key-0001}
            interfaces:
              - {name: ethernet1/1, backing: {type: memory}, mode: layer3, addresses: [198.18.0.1/24, '2001:db8:0::1/64']}
              - {name: ethernet1/2, backing: {type: memory}, mode: layer3, addresses: [198.18.1.1/24, '2001:db8:1::1/64']}
              - {name: ethernet1/3, backing: {type: memory}, mode: layer3, addresses: [198.18.2.1/24]}
            zones:
              - {name: trust, interfaces: [ethernet1/1]}
              - {name: untrust, interfaces: [ethernet1/2]}
              - {name: dmz, interfaces: [ethernet1/3]}
            """;

    private TestConfigs() {}

    static PalisadeConfig config(String body) {
        return ConfigLoader.parse(BASE + body, "test").orThrow();
    }

    static CompiledPolicy compile(String body) {
        return CompiledPolicy.compile(config(body));
    }
}
