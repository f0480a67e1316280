package io.palisade.linux.packet;

/**
 * The kernel's counters for one AF_PACKET socket ({@code PACKET_STATISTICS}) since the previous read.
 *
 * @param packets frames that reached the socket, dropped ones included
 * @param drops frames dropped because the ring was full
 * @param freezeQueueCount times the ring ran full and froze its queue
 */
public record PacketStatistics(long packets, long drops, long freezeQueueCount) {}
