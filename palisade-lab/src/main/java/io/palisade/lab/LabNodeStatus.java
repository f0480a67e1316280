package io.palisade.lab;

/**
 * One lab node as {@code ./palisade lab status} shows it: enough for a person or a script to open its dashboard
 * ({@code api}) and shell ({@code ./palisade cli --node API --key APIKEY}).
 *
 * @param name hostname
 * @param state HA state ({@code active}, {@code passive}, ...), {@code down} when the process is gone, or
 *     {@code unreachable} when its API does not answer
 * @param api management base URL
 * @param apiKey its API key
 * @param pid process id
 * @param alive whether the process is running
 */
public record LabNodeStatus(String name, String state, String api, String apiKey, long pid, boolean alive) {}
