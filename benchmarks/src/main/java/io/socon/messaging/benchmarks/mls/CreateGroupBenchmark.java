package io.socon.messaging.benchmarks.mls;

import io.socon.messaging.impl.mls.group.Group;
import io.socon.messaging.impl.mls.group.KeyPackageBundle;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Creating a one-member group from an existing key package: leaf validation, tree hash, the key schedule of
 * epoch 0 and the secret tree. The key package itself is made once, outside the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CreateGroupBenchmark {

    private SecureRandom random;
    private KeyPackageBundle creator;

    /** Makes the creator's key package. */
    @Setup
    public void setUp() {
        random = new SecureRandom();
        creator = MlsFixtures.newMember("creator", random);
    }

    /** Group.create with a fresh group id. */
    @Benchmark
    public Group createGroup() {
        return MlsFixtures.createGroup(creator, random);
    }
}
