package io.palisade.config.model;

import io.palisade.config.bind.Required;
import java.util.List;

/**
 * One node's whole configuration, as read from its YAML file. Immutable: a commit replaces it as a whole.
 *
 * <p>Blocks that never synchronise to an HA peer (see {@link #withLocalPartsOf}): {@code device},
 * {@code high-availability} and each interface's {@code backing}.
 */
public record PalisadeConfig(
        @Required DeviceConfig device,
        List<InterfaceConfig> interfaces,
        List<AggregateInterfaceConfig> aggregateInterfaces,
        List<VirtualWireConfig> virtualWires,
        List<ZoneConfig> zones,
        List<ZoneProtectionProfile> zoneProtectionProfiles,
        VirtualRouterConfig virtualRouter,
        List<AddressObject> addresses,
        List<AddressGroup> addressGroups,
        List<ServiceObject> services,
        List<ServiceGroup> serviceGroups,
        List<ApplicationDef> applications,
        UserIdConfig userId,
        List<SecurityRule> securityRules,
        List<NatRule> natRules,
        SessionSettings session,
        HaConfig highAvailability) {

    public PalisadeConfig {
        interfaces = Lists.copy(interfaces);
        aggregateInterfaces = Lists.copy(aggregateInterfaces);
        virtualWires = Lists.copy(virtualWires);
        zones = Lists.copy(zones);
        zoneProtectionProfiles = Lists.copy(zoneProtectionProfiles);
        addresses = Lists.copy(addresses);
        addressGroups = Lists.copy(addressGroups);
        services = Lists.copy(services);
        serviceGroups = Lists.copy(serviceGroups);
        applications = Lists.copy(applications);
        securityRules = Lists.copy(securityRules);
        natRules = Lists.copy(natRules);
    }

    /**
     * This configuration with the HA-local parts (device identity and management, the HA block, interface
     * backings) taken from {@code local}: what a node commits when its peer synchronises configuration to it.
     * In active/active mode interface addresses stay local too. Interfaces the local node does not have keep
     * the sender's backing.
     */
    public PalisadeConfig withLocalPartsOf(PalisadeConfig local) {
        // In active/active each device keeps its own interface addresses (PAN-OS syncs everything else).
        boolean keepAddresses = local.highAvailability != null && local.highAvailability.mode() == HaMode.ACTIVE_ACTIVE;
        List<InterfaceConfig> merged = interfaces.stream()
                .map(i -> local.interfaces().stream()
                        .filter(l -> l.name().equals(i.name()))
                        .findFirst()
                        .map(l -> keepAddresses
                                ? i.withBacking(l.backing()).withAddresses(l.addresses())
                                : i.withBacking(l.backing()))
                        .orElse(i))
                .toList();
        return new PalisadeConfig(
                local.device,
                merged,
                aggregateInterfaces,
                virtualWires,
                zones,
                zoneProtectionProfiles,
                virtualRouter,
                addresses,
                addressGroups,
                services,
                serviceGroups,
                applications,
                userId,
                securityRules,
                natRules,
                session,
                local.highAvailability);
    }

    /**
     * The part that synchronises to an HA peer: HA-local blocks replaced by placeholders (defaults, a memory
     * backing), so that two peers in sync have equal shared parts.
     */
    public PalisadeConfig sharedPart() {
        boolean addressesAreLocal = highAvailability != null && highAvailability.mode() == HaMode.ACTIVE_ACTIVE;
        List<InterfaceConfig> shared = interfaces.stream()
                .map(i -> i.withBacking(new Backing.Memory()))
                .map(i -> addressesAreLocal ? i.withAddresses(List.of()) : i)
                .toList();
        return new PalisadeConfig(
                io.palisade.config.bind.Defaults.instance(DeviceConfig.class),
                shared,
                aggregateInterfaces,
                virtualWires,
                zones,
                zoneProtectionProfiles,
                virtualRouter,
                addresses,
                addressGroups,
                services,
                serviceGroups,
                applications,
                userId,
                securityRules,
                natRules,
                session,
                io.palisade.config.bind.Defaults.instance(HaConfig.class));
    }

    public java.util.Optional<InterfaceConfig> findInterface(String name) {
        return interfaces.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public java.util.Optional<ZoneConfig> zoneOfInterface(String interfaceName) {
        return zones.stream()
                .filter(z -> z.interfaces().contains(interfaceName))
                .findFirst();
    }
}
