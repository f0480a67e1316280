/** Semantic validation: every problem at once, each with its YAML path, line and column. */
package io.palisade.config.validate;
