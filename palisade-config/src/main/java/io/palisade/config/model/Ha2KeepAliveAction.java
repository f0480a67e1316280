package io.palisade.config.model;

/** What a node does when HA2 keep-alives are lost beyond the threshold. */
public enum Ha2KeepAliveAction {
    LOG_ONLY,
    SPLIT_DATAPATH
}
