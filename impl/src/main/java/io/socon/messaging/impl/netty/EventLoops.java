package io.socon.messaging.impl.netty;

import io.grpc.netty.shaded.io.netty.util.concurrent.FastThreadLocal;
import io.grpc.netty.shaded.io.netty.util.concurrent.FastThreadLocalThread;
import io.grpc.netty.shaded.io.netty.util.concurrent.GlobalEventExecutor;
import io.grpc.netty.shaded.io.netty.util.internal.InternalThreadLocalMap;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The rest of what a gRPC server or channel must end in {@code close()} so that nothing of gRPC's Netty outlives the
 * application that used it: executors, Netty's {@link GlobalEventExecutor} when something started it, and Netty's
 * thread-locals on threads that are not Netty's.
 *
 * <p>Netty here is the copy shaded into grpc-netty-shaded, so its static parts ({@link GlobalEventExecutor},
 * {@link FastThreadLocal}) are loaded by the same class loader as this module and used by nothing else.
 */
public final class EventLoops {

    private static final Logger LOG = System.getLogger(EventLoops.class.getName());

    private EventLoops() {
    }

    /** Shuts an executor down, interrupting its tasks, and waits up to {@code timeout} for them to end. */
    public static boolean shutdownExecutor(Duration timeout, ExecutorService executor) {
        executor.shutdownNow();
        try {
            if (executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
            LOG.log(Level.WARNING, "tasks still running " + timeout.toMillis() + " ms after shutdown: " + executor);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits, up to {@code timeout}, until Netty's {@link GlobalEventExecutor} has no thread running. Our event loops
     * do not use it ({@link OwnedEventLoopGroup}); Netty starts it in rare paths (a channel closed with
     * {@code SO_LINGER}, a registration that failed), and its thread then lingers a second after its last task.
     * Returns at once when it is not running.
     */
    public static boolean awaitGlobalExecutor(Duration timeout) {
        try {
            // awaitInactivity joins its thread; Thread.join(0) would wait for ever
            if (GlobalEventExecutor.INSTANCE.awaitInactivity(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.log(Level.WARNING, "Netty's global event executor still busy after " + timeout.toMillis() + " ms");
            return false;
        } catch (IllegalStateException neverStarted) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Drops the Netty thread-locals (buffer caches, recyclers) that gRPC code left on the current thread, if it is a
     * thread Netty does not own: an application server's pool thread that called the node would otherwise keep them,
     * and through them this module's class loader, after the application stopped. Cheap when there are none.
     */
    public static void releaseThreadLocals() {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread) && InternalThreadLocalMap.getIfSet() != null) {
            FastThreadLocal.removeAll();
        }
    }
}
