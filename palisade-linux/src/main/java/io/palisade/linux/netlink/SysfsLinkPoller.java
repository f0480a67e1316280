package io.palisade.linux.netlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The polling fallback for link monitoring where netlink events are not available: each {@link #poll} reads
 * {@code ifindex}, {@code flags} and {@code operstate} of the watched interfaces under {@code /sys/class/net} and
 * reports a {@link LinkEvent} for every interface whose state changed since the previous poll (and for each on the
 * first poll), through the same listener as {@link LinkEventSubscription}. See {@link SysfsOperstate} for the
 * namespace caveat. One owner thread.
 */
public final class SysfsLinkPoller {
    private final Path classNet;
    private final List<String> names;
    private final SysfsOperstate operstate;
    private final Map<String, LinkEvent> last = new HashMap<>();

    public SysfsLinkPoller(Path classNet, Collection<String> names) {
        this.classNet = classNet;
        this.names = List.copyOf(names);
        this.operstate = new SysfsOperstate(classNet);
    }

    /**
     * Reads every watched interface once and reports changes.
     *
     * @return events reported
     */
    public int poll(LinkEventListener listener) throws IOException {
        int reported = 0;
        for (String name : names) {
            LinkEvent now = read(name);
            LinkEvent before = last.get(name);
            if (now == null) {
                if (before != null && !before.removed()) {
                    LinkEvent removed =
                            new LinkEvent(before.ifindex(), name, false, false, OperState.NOT_PRESENT, true);
                    last.put(name, removed);
                    listener.onLinkEvent(removed);
                    reported++;
                }
                continue;
            }
            if (!now.equals(before)) {
                last.put(name, now);
                listener.onLinkEvent(now);
                reported++;
            }
        }
        return reported;
    }

    private LinkEvent read(String name) throws IOException {
        try {
            OperState state = operstate.read(name).orElse(null);
            if (state == null) {
                return null;
            }
            Path dir = classNet.resolve(name);
            int ifindex =
                    Integer.parseInt(Files.readString(dir.resolve("ifindex")).strip());
            int flags = Integer.decode(Files.readString(dir.resolve("flags")).strip());
            LinkInfo info = new LinkInfo(ifindex, name, "", 0, flags | lowerUp(dir, state), state);
            return LinkEvent.of(info, false);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** sysfs has no IFF_LOWER_UP in {@code flags}; {@code carrier} says it (unreadable while admin down). */
    private static int lowerUp(Path dir, OperState state) {
        try {
            return Files.readString(dir.resolve("carrier")).strip().equals("1") ? NetlinkStructs.IFF_LOWER_UP : 0;
        } catch (IOException e) {
            return state == OperState.UP ? NetlinkStructs.IFF_LOWER_UP : 0;
        }
    }
}
