/** Shared test support: temporary directories, packet builders, network namespace fixtures. */
package io.palisade.testkit;
