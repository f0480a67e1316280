/** The data plane: packet codec, captures, ports, session engine, policy, NAT, routing and workers. */
package io.palisade.dataplane;
