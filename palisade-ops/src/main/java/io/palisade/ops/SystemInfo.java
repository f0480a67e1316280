package io.palisade.ops;

/**
 * {@code show system info}.
 *
 * @param hostname device hostname
 * @param serial device serial
 * @param softwareVersion Palisade version
 * @param managementAddress management listener
 * @param uptimeMs time since the node started
 * @param haMode {@code disabled}, {@code active-passive} or {@code active-active}
 * @param haState current HA state, {@code standalone} when HA is off
 * @param workers data-plane workers
 * @param runningVersion running configuration version
 * @param javaVersion the runtime
 */
public record SystemInfo(
        String hostname,
        String serial,
        String softwareVersion,
        String managementAddress,
        long uptimeMs,
        String haMode,
        String haState,
        int workers,
        long runningVersion,
        String javaVersion) {}
