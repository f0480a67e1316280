/** Per-worker off-heap session tables, TCP state tracking and flow hashing. */
package io.palisade.dataplane.session;
