package io.palisade.config.model;

/** Reconnaissance protection action once a scan crosses its threshold. */
public enum ScanAction {
    ALLOW,
    ALERT,
    BLOCK,
    BLOCK_IP
}
