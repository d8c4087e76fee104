package io.socon.messaging.impl.netty;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFuture;
import io.grpc.netty.shaded.io.netty.channel.ChannelPromise;
import io.grpc.netty.shaded.io.netty.channel.IoEventLoop;
import io.grpc.netty.shaded.io.netty.channel.IoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.SingleThreadIoEventLoop;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultPromise;
import io.grpc.netty.shaded.io.netty.util.concurrent.EventExecutor;
import io.grpc.netty.shaded.io.netty.util.concurrent.FastThreadLocalThread;
import io.grpc.netty.shaded.io.netty.util.concurrent.Future;
import io.grpc.netty.shaded.io.netty.util.concurrent.GlobalEventExecutor;
import io.grpc.netty.shaded.io.netty.util.concurrent.Promise;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * NIO event loops that belong to one gRPC server or channel, in place of gRPC's shared default groups: those are
 * created lazily, released a second after their last user and never awaited, so in an application server their
 * threads outlive the application's class loader (errors at undeploy, a class-loader leak on redeploy).
 *
 * <p>The loops are Netty's own ({@link SingleThreadIoEventLoop} with {@link NioIoHandler}), on daemon threads named
 * {@code <name>-1}, {@code <name>-2}, .... The group is ours rather than Netty's {@code MultiThreadIoEventLoopGroup}
 * for one reason: that group learns of its loops' termination through listeners that Netty runs on its
 * {@link GlobalEventExecutor}, a thread of its own started on demand that lingers a second after its last task, so
 * every shutdown would leave, or wait a second for, one more thread. This group's termination is signalled by its
 * own threads as they end, and {@link #shutdownAndAwait} joins them.
 */
public final class OwnedEventLoopGroup extends AbstractEventExecutorGroup implements IoEventLoopGroup {

    private static final Logger LOG = System.getLogger(OwnedEventLoopGroup.class.getName());

    private final String name;
    private final IoEventLoop[] loops;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    // no listener is ever added here, so GlobalEventExecutor (the promise's notifier) never starts a thread for it
    private final Promise<Void> terminated = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);

    private OwnedEventLoopGroup(String name, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("an event loop group needs at least one loop, got " + size);
        }
        this.name = name;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Runnable body = () -> {
                try {
                    runnable.run();
                } finally {
                    // the loop has terminated when its thread's task returns; the last one to end completes the group
                    if (isTerminated()) {
                        terminated.trySuccess(null);
                    }
                }
            };
            // a FastThreadLocalThread clears Netty's thread-locals when it ends
            Thread thread = new FastThreadLocalThread(body, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
        loops = new IoEventLoop[size];
        for (int i = 0; i < size; i++) {
            loops[i] = new SingleThreadIoEventLoop(this, factory, NioIoHandler.newFactory());
        }
    }

    /** A group of {@code size} NIO event loops on daemon threads named {@code name-1} ... (started when first used). */
    public static OwnedEventLoopGroup nio(String name, int size) {
        return new OwnedEventLoopGroup(name, size);
    }

    /**
     * Shuts the loops down without a quiet period (call it once their server or channel has terminated) and waits,
     * up to {@code timeout}, until every thread of theirs has ended.
     *
     * @return false if a thread was still running at the deadline (it is logged), or if interrupted
     */
    public boolean shutdownAndAwait(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            for (IoEventLoop loop : loops) {
                if (!loop.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
                    LOG.log(Level.WARNING, name + ": event loops still running " + timeout.toMillis() + " ms after shutdown");
                    return false;
                }
            }
            for (Thread thread : threads) {
                // Thread.join(0) would wait for ever
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))));
                if (thread.isAlive()) {
                    LOG.log(Level.WARNING, name + ": thread " + thread.getName() + " still alive after its loop ended");
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    @Override
    public IoEventLoop next() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return List.<EventExecutor>of(loops).iterator();
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return next().register(channel, promise);
    }

    @Override
    public boolean isShuttingDown() {
        for (IoEventLoop loop : loops) {
            if (!loop.isShuttingDown()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        for (IoEventLoop loop : loops) {
            loop.shutdownGracefully(quietPeriod, timeout, unit);
        }
        return terminated;
    }

    @Override
    public Future<?> terminationFuture() {
        return terminated;
    }

    @Override
    @Deprecated
    public void shutdown() {
        for (IoEventLoop loop : loops) {
            loop.shutdown();
        }
    }

    @Override
    public boolean isShutdown() {
        for (IoEventLoop loop : loops) {
            if (!loop.isShutdown()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isTerminated() {
        for (IoEventLoop loop : loops) {
            if (!loop.isTerminated()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (IoEventLoop loop : loops) {
            if (!loop.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + " (" + loops.length + " event loops)";
    }
}
