/**
 * The operations facade: the one way management (REST, dashboard, shell, metrics) talks to a running node.
 * Immutable snapshot records and commands; no dependency on HA or data-plane internals.
 */
package io.palisade.ops;
