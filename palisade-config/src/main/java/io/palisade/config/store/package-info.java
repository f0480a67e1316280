/** Candidate and running configuration, crash-safe commit history on disk, rollback and diff. */
package io.palisade.config.store;
