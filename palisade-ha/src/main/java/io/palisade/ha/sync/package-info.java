/** HA2 session synchronisation, pfsync style: wire format, publisher, receiver, transports, keep-alives, bulk sync. */
package io.palisade.ha.sync;
