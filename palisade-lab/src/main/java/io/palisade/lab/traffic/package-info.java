/** The lab's traffic generator: user-space TCP clients and servers and a probe stream on both sides of a wire. */
package io.palisade.lab.traffic;
