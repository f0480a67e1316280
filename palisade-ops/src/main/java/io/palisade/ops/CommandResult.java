package io.palisade.ops;

/**
 * The outcome of an operational request.
 *
 * @param ok whether it was done
 * @param message what happened, in one line
 */
public record CommandResult(boolean ok, String message) {}
