/** Built-in benchmarks behind {@code ./palisade bench}: honest figures with what they measured. */
package io.palisade.bench;
