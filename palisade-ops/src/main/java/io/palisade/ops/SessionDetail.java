package io.palisade.ops;

/**
 * {@code show session id N}.
 *
 * @param summary the row fields
 * @param tcpState TCP state, or blank
 * @param startEpochMs start time
 * @param timeoutS the idle timeout that applies now
 * @param idleMs time since the last packet
 * @param bytesC2s bytes client to server
 * @param bytesS2c bytes server to client
 * @param packetsC2s packets client to server
 * @param packetsS2c packets server to client
 * @param rule security rule
 * @param natRule NAT rule, or null
 * @param ingressInterface interface of the client side
 * @param egressInterface interface of the server side
 * @param sourceUser user of the client address, or {@code unknown}
 * @param logAtEnd traffic log at session end
 * @param updatedByHaPeer installed or updated from the HA peer
 * @param worker the data-plane worker owning it
 * @param syncState HA sync state
 */
public record SessionDetail(
        SessionSummary summary,
        String tcpState,
        long startEpochMs,
        long timeoutS,
        long idleMs,
        long bytesC2s,
        long bytesS2c,
        long packetsC2s,
        long packetsS2c,
        String rule,
        String natRule,
        String ingressInterface,
        String egressInterface,
        String sourceUser,
        boolean logAtEnd,
        boolean updatedByHaPeer,
        int worker,
        String syncState) {}
