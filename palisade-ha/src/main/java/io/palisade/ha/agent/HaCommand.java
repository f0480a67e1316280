package io.palisade.ha.agent;

import java.util.concurrent.CompletableFuture;

/** Operator requests queued to the agent thread; each completes with a one-line result. */
sealed interface HaCommand {
    CompletableFuture<String> result();

    /** {@code request high-availability state suspend}. */
    record Suspend(CompletableFuture<String> result) implements HaCommand {}

    /** {@code request high-availability state functional}. */
    record Functional(CompletableFuture<String> result) implements HaCommand {}

    /** {@code request high-availability sync-to-remote running-config}. */
    record SyncToRemote(CompletableFuture<String> result) implements HaCommand {}

    /** A configuration was committed locally (sync it when active). */
    record Committed(RunningConfigRef running, CompletableFuture<String> result) implements HaCommand {}

    /** Holder to keep the record type-safe without a dependency cycle in javadoc. */
    record RunningConfigRef(io.palisade.config.store.RunningConfig value) {}
}
