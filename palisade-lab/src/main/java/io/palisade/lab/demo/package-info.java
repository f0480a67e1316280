/** The main job: an HA pair under traffic, a fault, and a measured report of the failover. */
package io.palisade.lab.demo;
