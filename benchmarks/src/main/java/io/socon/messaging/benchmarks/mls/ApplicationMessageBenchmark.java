package io.socon.messaging.benchmarks.mls;

import io.socon.messaging.impl.mls.group.Group;
import io.socon.messaging.impl.mls.group.Received;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Protecting and unprotecting a 1 KiB application message in a two-member group: a PrivateMessage with an
 * Ed25519-signed FramedContent, encrypted with ChaCha20-Poly1305 under the next key of the sender's
 * application ratchet.
 *
 * <p>Both run in the steady state of the ratchets: every protect takes the next generation of the sender's
 * ratchet, every unprotect the next of the receiver's copy, in order. For {@link #unprotect} the message is
 * protected before each invocation, outside the measured time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ApplicationMessageBenchmark {

    /** Size of the application message. */
    static final int MESSAGE_SIZE = 1024;

    /**
     * A sender and a receiver in one group, and the message. Scope.Benchmark (the benchmarks run on one thread):
     * JMH 1.37 gives a Scope.Thread state that is both a benchmark argument and a dependency of another state
     * two separate instances, so {@link Sealed} would protect in another group than {@link #unprotect} reads.
     */
    @State(Scope.Benchmark)
    public static class Pair {

        SecureRandom random;
        Group sender;
        Group receiver;
        byte[] payload;

        /** Builds the two-member group and checks one round trip. */
        @Setup(Level.Trial)
        public void build() {
            random = new SecureRandom();
            MlsFixtures.TwoViews views = MlsFixtures.buildGroup(2, random);
            sender = views.creator();
            receiver = views.other();
            payload = MlsFixtures.randomBytes(MESSAGE_SIZE, random);
            Received received = receiver.receive(sender.encrypt(payload));
            MlsFixtures.check(received.kind() == Received.Kind.APPLICATION
                    && MlsFixtures.same(payload, received.applicationData().orElseThrow()),
                    "the round trip did not return the message");
        }
    }

    /** One protected message for the next unprotect. */
    @State(Scope.Thread)
    public static class Sealed {

        MlsMessage message;

        /** Protects the next message (not measured). */
        @Setup(Level.Invocation)
        public void seal(Pair pair) {
            message = pair.sender.encrypt(pair.payload);
        }
    }

    /** Encrypts 1 KiB as a PrivateMessage. */
    @Benchmark
    public MlsMessage protect(Pair pair) {
        return pair.sender.encrypt(pair.payload);
    }

    /** Decrypts and verifies it as the other member. */
    @Benchmark
    public Received unprotect(Pair pair, Sealed sealed) {
        return pair.receiver.receive(sealed.message);
    }
}
