/** Composition root of one firewall node: wiring, lifecycle, logs, and the operations facade. */
package io.palisade.node;
