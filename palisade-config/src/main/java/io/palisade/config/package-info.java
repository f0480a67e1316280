/** Palisade configuration: model, YAML binding with source positions, validation, commit and history. */
package io.palisade.config;
