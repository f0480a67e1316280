package io.palisade.dataplane.nat;

import java.util.List;

/**
 * The immutable NAT entries of one configuration epoch, indexed by the ids the NAT policy match returns. Shared
 * read-only by all workers; each worker keeps its allocation state in its own {@link NatWorkerState}.
 */
public final class NatTable {
    private final NatEntry[] entries;

    public NatTable(List<NatEntry> entries) {
        this.entries = entries.toArray(NatEntry[]::new);
    }

    public int size() {
        return entries.length;
    }

    public NatEntry entry(int id) {
        return entries[id];
    }

    public List<NatEntry> entries() {
        return List.of(entries);
    }
}
