/** Route table: longest-prefix match over connected, static and learned routes; the address conventions. */
package io.palisade.dataplane.route;
