package io.palisade.ha.sync;

/** Receives {@link Ha2Event}s on the HA2 agent thread; must not block (typically offers to the HA agent's inbox). */
@FunctionalInterface
public interface Ha2EventListener {
    void onEvent(Ha2Event event);

    /** Ignores everything. */
    Ha2EventListener NONE = event -> {};
}
