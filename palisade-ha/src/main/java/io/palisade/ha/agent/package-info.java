/** The HA agent: runs the state machine against HA1, HA2, monitors, the data plane and config sync. */
package io.palisade.ha.agent;
