/** Labs: in-process and network-namespace topologies, traffic, faults, and the demo. */
package io.palisade.lab;
