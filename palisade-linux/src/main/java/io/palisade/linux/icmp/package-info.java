/** ICMP and ICMPv6 echo over raw sockets for path monitoring, with request/reply matching and RTT. */
package io.palisade.linux.icmp;
