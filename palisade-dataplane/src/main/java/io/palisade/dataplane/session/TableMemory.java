package io.palisade.dataplane.session;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Off-heap memory for session tables, backed by transparent huge pages where the kernel offers them. Lookups hit
 * records and index slots at random: with 4 KiB pages nearly every one of them also misses the TLB, and under a
 * hypervisor a TLB miss is a two-dimensional page walk that costs about as much as the cache miss itself. With
 * 2 MiB pages a table of a million sessions needs about a hundred TLB entries instead of thirty thousand.
 *
 * <p>Large tables are mapped anonymously ({@code mmap}, zero-filled by the kernel) and marked
 * {@code MADV_HUGEPAGE} before anything touches them, so the pages fault in huge when the system's THP mode is
 * {@code always} or {@code madvise}; {@code never} still gives ordinary pages. Unmapped when the arena closes.
 * Small tables, and any failure of the native calls (another OS, no native access), fall back to
 * {@link Arena#allocate}: huge pages are a speed-up, never a requirement.
 */
final class TableMemory {
    private static final long HUGE_PAGE = 2L << 20;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MADV_HUGEPAGE = 14;

    private static final MethodHandle MMAP;
    private static final MethodHandle MADVISE;
    private static final MethodHandle MUNMAP;

    static {
        MethodHandle mmap = null;
        MethodHandle madvise = null;
        MethodHandle munmap = null;
        try {
            if (System.getProperty("os.name", "").startsWith("Linux")) {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                mmap = linker.downcallHandle(
                        libc.findOrThrow("mmap"),
                        FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
                madvise = linker.downcallHandle(
                        libc.findOrThrow("madvise"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
                munmap = linker.downcallHandle(
                        libc.findOrThrow("munmap"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
            }
        } catch (RuntimeException e) {
            mmap = null; // no native access or no libc: ordinary allocation
        }
        MMAP = mmap;
        MADVISE = madvise;
        MUNMAP = munmap;
    }

    private TableMemory() {}

    /** {@code bytes} of zeroed memory, 64-byte aligned (huge-page aligned when mapped), freed with {@code arena}. */
    static MemorySegment allocate(Arena arena, long bytes) {
        if (MMAP == null || bytes < HUGE_PAGE) {
            return arena.allocate(bytes, 64);
        }
        MemorySegment mapped = map(arena, bytes);
        if (mapped == null) {
            return arena.allocate(bytes, 64);
        }
        return mapped;
    }

    private static MemorySegment map(Arena arena, long bytes) {
        // One extra huge page of address space, so an aligned start can be cut out of it.
        long length = bytes + HUGE_PAGE;
        MemorySegment raw;
        try {
            raw = (MemorySegment)
                    MMAP.invokeExact(MemorySegment.NULL, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
        } catch (Throwable t) {
            return null;
        }
        if (raw.address() == -1L) {
            return null;
        }
        long start = (raw.address() + HUGE_PAGE - 1) & -HUGE_PAGE;
        MemorySegment usable = MemorySegment.ofAddress(start).reinterpret(bytes);
        try {
            int ignored = (int) MADVISE.invokeExact(usable, bytes, MADV_HUGEPAGE); // advice only: failure is fine
        } catch (Throwable t) {
            // advice only
        }
        return usable.reinterpret(bytes, arena, s -> unmap(raw, length));
    }

    private static void unmap(MemorySegment raw, long length) {
        try {
            int ignored = (int) MUNMAP.invokeExact(raw, length);
        } catch (Throwable t) {
            // nothing to do: the mapping stays until the process ends
        }
    }
}
