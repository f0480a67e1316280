package io.palisade.node;

import io.palisade.linux.netlink.LinkEvent;
import io.palisade.linux.netlink.LinkEventListener;
import io.palisade.linux.netlink.LinkEventSubscription;
import io.palisade.linux.netlink.LinkInfo;
import io.palisade.linux.netlink.RtNetlink;
import io.palisade.linux.sys.LinuxIoException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event-driven link state for link monitoring: a thread subscribed to the kernel's link events (rtnetlink
 * {@code RTMGRP_LINK}) keeps the operational state of every Linux link and tells the HA agent at once when one
 * changes, so a link going down is acted on within a duty cycle instead of the next monitoring interval. Links the
 * watcher has not heard of are answered from sysfs by the port (the polling fallback); when the kernel dropped
 * events (socket overrun) every link is read again.
 */
final class LinkWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("palisade.system");
    private static final int POLL_TIMEOUT_MS = 200;

    private final Map<String, Boolean> operUp = new ConcurrentHashMap<>();
    private final LinkEventSubscription subscription;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;

    private LinkWatcher(LinkEventSubscription subscription, Runnable onChange) {
        this.subscription = subscription;
        this.onChange = onChange;
        readAll();
        this.thread =
                Thread.ofPlatform().name("palisade-link-events").daemon(true).start(this::run);
    }

    /** Subscribes in the calling thread's namespace; empty (with a log line) when the kernel refuses. */
    static Optional<LinkWatcher> start(Runnable onChange) {
        try {
            return Optional.of(new LinkWatcher(LinkEventSubscription.open(), onChange));
        } catch (LinuxIoException e) {
            LOG.warn("link events unavailable ({}); link monitoring polls sysfs instead", e.getMessage());
            return Optional.empty();
        }
    }

    /** The link's operational state from the latest event, or empty when no event named it. */
    Optional<Boolean> operUp(String linuxName) {
        return Optional.ofNullable(operUp.get(linuxName));
    }

    private void run() {
        LinkEventListener listener = new LinkEventListener() {
            @Override
            public void onLinkEvent(LinkEvent event) {
                Boolean before = event.removed()
                        ? operUp.remove(event.name())
                        : operUp.put(event.name(), event.adminUp() && event.operUp());
                if (before == null || before != (event.adminUp() && event.operUp()) || event.removed()) {
                    LOG.info(
                            "link {} is {} (kernel event, {})",
                            event.name(),
                            event.removed() ? "gone" : event.operUp() ? "up" : "down",
                            event.operState());
                    onChange.run();
                }
            }

            @Override
            public void onOverrun() {
                readAll();
                onChange.run();
            }
        };
        while (running) {
            try {
                subscription.poll(POLL_TIMEOUT_MS, listener);
            } catch (LinuxIoException e) {
                if (running) {
                    LOG.warn("link events: {}; link monitoring polls sysfs instead", e.getMessage());
                    operUp.clear();
                }
                return;
            }
        }
    }

    private void readAll() {
        try (RtNetlink rt = RtNetlink.open()) {
            for (LinkInfo link : rt.links()) {
                operUp.put(link.name(), link.adminUp() && link.operUp());
            }
        } catch (LinuxIoException e) {
            operUp.clear();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(POLL_TIMEOUT_MS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscription.close();
    }
}
