package io.palisade.config.model;

/** Whether any member or all members must fail for a monitor group (or the monitor) to fail. */
public enum FailureCondition {
    ANY,
    ALL
}
