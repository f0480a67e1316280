package io.palisade.dataplane.policy;

/**
 * One alternative of a rule's service condition; a rule matches when any of its terms does. Terms with source ports
 * become separate classifier entries, because "destination ports and source ports" of one service cannot be split
 * into independent dimensions once a rule lists several services.
 *
 * @param keys protocol-and-destination-port key intervals ({@link ApplicationTable#key}), low and high interleaved;
 *     null for any
 * @param sourcePorts source port intervals, low and high interleaved; null for any
 * @param ownApplicationDefault {@code application-default} with application {@code any}: the identified
 *     application's own default ports
 */
record ServiceTerm(int[] keys, int[] sourcePorts, boolean ownApplicationDefault) {
    static final ServiceTerm ANY = new ServiceTerm(null, null, false);
}
