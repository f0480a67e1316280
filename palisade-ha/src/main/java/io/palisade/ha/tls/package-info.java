/** HA1 keys and trust: key-pair generation, PEM loading and a trust manager pinned to one peer certificate. */
package io.palisade.ha.tls;
