/** Where frames come from and go to: in-memory, capture files, UDP tunnels and AF_PACKET. */
package io.palisade.dataplane.port;
