/** The {@code ./palisade} command line: one picocli entry point over every command. */
package io.palisade.main;
