package io.palisade.ha.election;

import java.util.Objects;

/**
 * A state reason with an optional detail, printed as {@code <reason>} or {@code <reason>: <detail>}, e.g.
 * {@code Dataplane down: worker 1 stalled} or {@code Link down: group wire-links: ethernet1/1 down}. The text
 * always starts with the PAN-OS wording, so a search for {@code Link down} finds it.
 *
 * @param code the reason
 * @param detail extra information, empty when there is none
 */
public record StateReason(HaReason code, String detail) {
    public StateReason {
        Objects.requireNonNull(code, "code");
        detail = detail == null ? "" : detail.strip();
    }

    /** A reason without detail. */
    public static StateReason of(HaReason code) {
        return new StateReason(code, "");
    }

    /** A reason with a detail. */
    public static StateReason of(HaReason code, String detail) {
        return new StateReason(code, detail);
    }

    /** This reason with {@code more} appended to the detail. */
    public StateReason withDetail(String more) {
        if (more == null || more.isBlank()) {
            return this;
        }
        return new StateReason(code, detail.isEmpty() ? more : detail + "; " + more);
    }

    /** The printed form. */
    public String text() {
        return detail.isEmpty() ? code.text() : code.text() + ": " + detail;
    }

    @Override
    public String toString() {
        return text();
    }
}
