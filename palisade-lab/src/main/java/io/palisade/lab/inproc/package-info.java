/** The rootless in-process lab: an HA pair as node processes on loopback, its faults, and its lifecycle. */
package io.palisade.lab.inproc;
