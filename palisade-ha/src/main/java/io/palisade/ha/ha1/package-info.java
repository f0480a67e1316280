/** HA1 control link: messages, their codec and framing, and the TLS or cleartext connections to HA peers. */
package io.palisade.ha.ha1;
