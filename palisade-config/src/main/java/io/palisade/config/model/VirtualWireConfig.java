package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Required;
import java.util.List;

/**
 * Two virtual-wire interfaces joined as a bump in the wire.
 *
 * @param name virtual wire name
 * @param interfaces exactly two interfaces of mode virtual-wire
 * @param linkStatePassThrough bring the other side down when one side loses link
 */
public record VirtualWireConfig(
        @Required String name,
        @Required List<String> interfaces,
        @Default("true") boolean linkStatePassThrough) {
    public VirtualWireConfig {
        interfaces = Lists.copy(interfaces);
    }
}
