/** Reflective binding of YAML node trees onto immutable configuration records, and back. */
package io.palisade.config.bind;
