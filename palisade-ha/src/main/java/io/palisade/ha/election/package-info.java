/** The pure HA state machine and election (PAN-OS semantics): inputs carry {@code nowNs}, outputs are requests. */
package io.palisade.ha.election;
