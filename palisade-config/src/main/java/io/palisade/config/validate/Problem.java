package io.palisade.config.validate;

/**
 * One thing wrong with a configuration, located in the YAML file.
 *
 * @param path YAML path such as {@code security-rules[2].from[0]}; empty for the whole document
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong, in a network engineer's words
 */
public record Problem(String path, int line, int column, String message) {

    /** {@code file:line:column: path: message}, the form editors and terminals link to. */
    public String format(String source) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(':');
        }
        if (line > 0) {
            sb.append(line).append(':').append(column).append(':');
        }
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
