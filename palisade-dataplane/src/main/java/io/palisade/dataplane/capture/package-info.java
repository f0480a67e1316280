/**
 * Capture files: {@link io.palisade.dataplane.capture.CaptureReader} reads pcap and pcapng (detected by magic) as
 * frames sliced out of one mapped segment, ending a damaged file with a {@link
 * io.palisade.dataplane.capture.CaptureFormatException}; {@link io.palisade.dataplane.capture.PcapWriter} writes
 * pcap.
 */
package io.palisade.dataplane.capture;
