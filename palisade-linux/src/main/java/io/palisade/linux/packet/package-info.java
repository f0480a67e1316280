/** AF_PACKET sockets with TPACKET_V3 rings, fanout and batched transmit; ethtool offload control. */
package io.palisade.linux.packet;
