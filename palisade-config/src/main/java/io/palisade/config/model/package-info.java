/** The configuration model: immutable records, one per YAML block, with defaults beside each component. */
package io.palisade.config.model;
