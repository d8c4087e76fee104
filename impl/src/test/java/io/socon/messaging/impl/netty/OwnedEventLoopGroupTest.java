package io.socon.messaging.impl.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OwnedEventLoopGroupTest {

    @Test
    void itsLoopsRunOnNamedDaemonThreadsThatHaveEndedWhenShutdownReturns() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        OwnedEventLoopGroup group = OwnedEventLoopGroup.nio("test-loops", 3);
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 3; i++) {
            group.next().submit(() -> used.add(Thread.currentThread())).get(5, TimeUnit.SECONDS);
        }
        assertThat(used).extracting(Thread::getName).containsExactlyInAnyOrder("test-loops-1", "test-loops-2", "test-loops-3");
        assertThat(used).allMatch(Thread::isDaemon);

        assertThat(group.shutdownAndAwait(Duration.ofSeconds(5))).isTrue();

        assertThat(used).noneMatch(Thread::isAlive);
        assertThat(group.isTerminated()).isTrue();
        assertThat(group.terminationFuture().isSuccess()).isTrue();
        // the group's termination is not delivered through Netty's GlobalEventExecutor: no thread of its started
        assertThat(newThreadNames(before)).isEmpty();
    }

    @Test
    void aGroupNeverUsedShutsDownToo() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        OwnedEventLoopGroup group = OwnedEventLoopGroup.nio("idle-loops", 2);

        assertThat(group.shutdownAndAwait(Duration.ofSeconds(5))).isTrue();

        assertThat(group.isTerminated()).isTrue();
        assertThat(group.terminationFuture().isSuccess()).isTrue();
        assertThat(newThreadNames(before)).isEmpty();
    }

    private static List<String> newThreadNames(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).filter(name -> !name.startsWith("ForkJoinPool-")).sorted().toList();
    }
}
