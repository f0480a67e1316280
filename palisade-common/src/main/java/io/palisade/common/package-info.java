/** Clocks, agents, counters and error values shared by every Palisade module. */
package io.palisade.common;
