/** The session engine: stages from parse to forward, workers, ageing, handoff, and the hooks HA plugs into. */
package io.palisade.dataplane.engine;
