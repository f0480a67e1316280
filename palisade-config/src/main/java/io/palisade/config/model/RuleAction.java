package io.palisade.config.model;

/** Security rule actions with PAN-OS meaning: deny follows the application's default, drop is silent, reset-* send TCP RST (ICMP unreachable for UDP). */
public enum RuleAction {
    ALLOW,
    DENY,
    DROP,
    RESET_CLIENT,
    RESET_SERVER,
    RESET_BOTH
}
