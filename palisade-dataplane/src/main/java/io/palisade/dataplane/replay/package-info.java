/** Pushing recorded traffic (pcap, pcapng) through the session engine. */
package io.palisade.dataplane.replay;
