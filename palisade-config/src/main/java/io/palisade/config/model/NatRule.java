package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.NullWhenAbsent;
import io.palisade.config.bind.Required;
import java.util.List;

/**
 * A NAT rule, matched top-down on the original packet with its ingress zone and the egress zone of the
 * original destination.
 *
 * @param name rule name
 * @param from source zones
 * @param to destination zones (before destination translation)
 * @param source original source addresses
 * @param destination original destination addresses
 * @param service service name or {@code any}
 * @param sourceTranslation source translation, or absent
 * @param destinationTranslation destination translation, or absent
 * @param activeActiveDeviceBinding active/active only: the device whose sessions this rule applies to
 * @param disabled a disabled rule never matches
 * @param description free text
 */
public record NatRule(
        @Required String name,
        @Required List<String> from,
        @Required List<String> to,
        @Default("any") List<String> source,
        @Default("any") List<String> destination,
        @Default("any") String service,
        @NullWhenAbsent SourceTranslation sourceTranslation,
        @NullWhenAbsent DestinationTranslation destinationTranslation,
        NatDeviceBinding activeActiveDeviceBinding,
        @Default("false") boolean disabled,
        String description) {
    public NatRule {
        from = Lists.copy(from);
        to = Lists.copy(to);
        source = Lists.copy(source);
        destination = Lists.copy(destination);
    }

    /**
     * Source translation.
     *
     * @param type dynamic-ip-and-port, dynamic-ip or static-ip
     * @param translatedAddresses pool: address objects, groups, literal addresses, prefixes or ranges
     * @param interfaceName dynamic-ip-and-port only: use this interface's first address (key {@code interface})
     * @param biDirectional static-ip only: also translate connections opened towards the translated address
     */
    public record SourceTranslation(
            @Required SourceNatType type,
            List<String> translatedAddresses,
            @io.palisade.config.bind.Key("interface") String interfaceName,
            @Default("false") boolean biDirectional) {
        public SourceTranslation {
            translatedAddresses = Lists.copy(translatedAddresses);
        }
    }

    /**
     * Destination translation.
     *
     * @param translatedAddress one address object or literal address
     * @param translatedPort new destination port, or absent to keep it
     */
    public record DestinationTranslation(@Required String translatedAddress, Integer translatedPort) {}
}
