package io.palisade.config.model;

import io.palisade.config.bind.Default;
import io.palisade.config.bind.Required;

/**
 * Device identity and local runtime settings; never synchronised to an HA peer.
 *
 * @param hostname shown in the prompt and logs
 * @param serial unique device identity (defaults to the hostname); HA refuses a peer with the same serial
 * @param management management listener (REST API, dashboard, metrics)
 * @param workers data-plane worker threads; 0 means one per available core
 * @param stateDirectory where commit history and runtime state live; relative to the config file's folder
 * @param logging system and traffic log files
 */
public record DeviceConfig(
        @Required String hostname,
        String serial,
        ManagementConfig management,
        @Default("0") int workers,
        @Default("state") String stateDirectory,
        LoggingConfig logging) {

    /** The serial, or the hostname when no serial is configured. */
    public String effectiveSerial() {
        return serial != null ? serial : hostname;
    }
}
