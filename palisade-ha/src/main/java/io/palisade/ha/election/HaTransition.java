package io.palisade.ha.election;

/**
 * One recorded state change.
 *
 * @param from the state left
 * @param to the state entered
 * @param reason why
 * @param atNs when, on the agent's monotonic clock
 */
public record HaTransition(HaState from, HaState to, StateReason reason, long atNs) {}
