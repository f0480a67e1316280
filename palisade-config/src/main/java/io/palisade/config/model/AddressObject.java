package io.palisade.config.model;

import io.palisade.config.bind.Required;

/**
 * A named address: a host or subnet ({@code ip-netmask}) or an inclusive range ({@code ip-range}); exactly one.
 *
 * @param name object name
 * @param ipNetmask host ({@code 198.18.0.5}) or subnet ({@code 198.18.0.0/24})
 * @param ipRange range ({@code 198.18.0.10-198.18.0.20})
 * @param description free text
 */
public record AddressObject(@Required String name, IpPrefix ipNetmask, IpRange ipRange, String description) {}
