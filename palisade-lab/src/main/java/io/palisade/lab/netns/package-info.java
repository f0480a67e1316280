/** The namespace lab: topologies of real Linux hosts and two firewall processes, faults, the demo, the benchmark. */
package io.palisade.lab.netns;
