package io.palisade.linux.netns;

import io.palisade.linux.sys.CallState;
import io.palisade.linux.sys.Libc;
import io.palisade.linux.sys.LinuxIoException;
import io.palisade.linux.sys.SocketConstants;
import io.palisade.linux.sys.Sockets;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs code inside a named network namespace ({@code ip netns add NAME}, bound at {@code /var/run/netns/NAME}).
 *
 * <p><b>{@code setns(2)} moves only the calling OS thread.</b> Other JVM threads (including the one that started
 * this one) stay where they are, and a virtual thread would take its carrier thread along and leave it there, so
 * only platform threads may enter. Sockets keep the namespace they were created in: open them on a thread inside
 * the namespace and use them from any thread afterwards. This is how tests and the lab open AF_PACKET, netlink
 * and ICMP sockets in a namespace without a second JVM.
 */
public final class NetNamespace {
    /** Where {@code ip netns} binds named namespaces. */
    public static final Path RUN_DIRECTORY = Path.of("/var/run/netns");

    private static final Path THREAD_NAMESPACE = Path.of("/proc/thread-self/ns/net");

    private NetNamespace() {}

    /**
     * Moves the calling platform thread into namespace {@code name} until the returned handle is closed, which
     * moves it back.
     */
    public static Entered enter(String name) throws LinuxIoException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("setns on a virtual thread would move its carrier; use a platform thread");
        }
        int original = open(THREAD_NAMESPACE, "setns (save current namespace)", name);
        try {
            switchTo(open(RUN_DIRECTORY.resolve(name), "setns (open namespace)", name), name);
        } catch (LinuxIoException e) {
            Sockets.closeQuietly(original);
            throw e;
        }
        return new Entered(original, name);
    }

    /** Runs {@code task} on a new platform thread inside namespace {@code name} and returns its result. */
    public static <T> T call(String name, Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("netns-" + name).start(() -> {
            try (Entered ignored = enter(name)) {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            thread.join();
        }
    }

    /**
     * Starts a platform thread that enters namespace {@code name} and then runs {@code body}; returns once the thread
     * is inside the namespace, or throws why it could not enter.
     */
    public static Thread start(String name, String threadName, Runnable body) throws LinuxIoException {
        CompletableFuture<Void> entered = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name(threadName).start(() -> {
            try (Entered ignored = enter(name)) {
                entered.complete(null);
                body.run();
            } catch (LinuxIoException e) {
                entered.completeExceptionally(e);
            }
        });
        try {
            entered.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof LinuxIoException cause) {
                throw cause;
            }
            throw e;
        }
        return thread;
    }

    /**
     * Identifies the calling thread's network namespace, e.g. {@code net:[4026532281]}; two threads in the same
     * namespace see the same text.
     */
    public static String currentId() {
        try {
            return Files.readSymbolicLink(THREAD_NAMESPACE).toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + THREAD_NAMESPACE, e);
        }
    }

    private static int open(Path path, String operation, String name) throws LinuxIoException {
        try (Arena arena = Arena.ofConfined()) {
            CallState cs = CallState.allocate(arena);
            int fd = Libc.open(
                    cs, arena.allocateFrom(path.toString()), SocketConstants.O_RDONLY | SocketConstants.O_CLOEXEC);
            if (fd < 0) {
                throw cs.failure(operation, name);
            }
            return fd;
        }
    }

    /** Moves the calling thread to the namespace behind {@code fd} and closes {@code fd}. */
    private static void switchTo(int fd, String name) throws LinuxIoException {
        try (Arena arena = Arena.ofConfined()) {
            CallState cs = CallState.allocate(arena);
            if (Libc.setns(cs, fd, SocketConstants.CLONE_NEWNET) < 0) {
                throw cs.failure("setns", name);
            }
        } finally {
            Sockets.closeQuietly(fd);
        }
    }

    /** The calling thread is inside a namespace; {@link #close()} returns it to where it was. */
    public static final class Entered implements AutoCloseable {
        private final int originalFd;
        private final String name;
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        private Entered(int originalFd, String name) {
            this.originalFd = originalFd;
            this.name = name;
        }

        /** Moves the thread back to its original namespace; must run on the thread that entered. */
        @Override
        public void close() throws LinuxIoException {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("namespace " + name + " must be left by the thread that entered it");
            }
            closed = true;
            switchTo(originalFd, "original namespace (leaving " + name + ")");
        }
    }
}
