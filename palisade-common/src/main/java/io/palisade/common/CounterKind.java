package io.palisade.common;

/**
 * Describes one named counter, in the spirit of PAN-OS {@code show counter global}: a stable snake_case name,
 * a severity, a category and a one-line description. Counter families are enums implementing this interface.
 */
public interface CounterKind {
    /** Severity column of {@code show counter global}. */
    enum Severity {
        INFO,
        WARN,
        DROP,
        ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Stable name, e.g. {@code flow_tcp_non_syn_drop}; scripts and metrics rely on it. */
    String counterName();

    Severity severity();

    /** Category column, e.g. {@code flow}, {@code packet}, {@code ha}. */
    String category();

    String description();
}
