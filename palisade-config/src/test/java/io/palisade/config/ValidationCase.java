package io.palisade.config;

/**
 * One validation rule exercised by a YAML document: the problem expected at {@code path} with a message
 * containing {@code message}, on the line marked {@code #<} in the document.
 */
record ValidationCase(String name, String yaml, String path, String message) {
    static final String MARK = "#<";

    /** The 1-based line carrying the marker, or 0 when the case has none (a whole-file problem). */
    int markedLine() {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(MARK)) {
                return i + 1;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
