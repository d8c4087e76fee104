package io.socon.messaging.benchmarks.mls;

import io.socon.messaging.impl.mls.group.CommitResult;
import io.socon.messaging.impl.mls.group.Group;
import io.socon.messaging.impl.mls.group.Received;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.Proposal;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding one member to a group of {@code members} members, and processing that commit as another member.
 *
 * <p>The group is built once per trial ({@link MlsFixtures#buildGroup}); both the committer's and the
 * receiver's group are then kept as {@link MlsFixtures.Snapshot}s and restored before every invocation, outside
 * the measured time, so that every measured operation starts from the same epoch and the same secret tree (a
 * commit sent as a PrivateMessage consumes a handshake key of the sender's secret tree, and a receiver accepts
 * each generation once).
 *
 * <ul>
 *   <li>{@link #addOneMember}: {@code commit([Add])} by the creator, with UpdatePath and Welcome (the key
 *       package is checked, the path encrypted to the copath resolutions, the GroupInfo with the full ratchet
 *       tree signed and encrypted).</li>
 *   <li>{@link #processAddCommit}: {@code receive(commit)} by the last member added: decrypt and verify the
 *       commit, apply the Add and the UpdatePath, check parent hashes, key schedule and confirmation tag.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AddMemberBenchmark {

    /** The group, the newcomer's key package and the commit that adds it, made once per trial. */
    @State(Scope.Benchmark)
    public static class Fixture {

        /** Members in the group before the Add. */
        @Param({"10", "100", "500"})
        public int members;

        SecureRandom random;
        MlsFixtures.Snapshot committer;
        MlsFixtures.Snapshot receiver;
        KeyPackage newcomer;
        MlsMessage addCommit;

        /** Builds the group and checks once that the measured operations succeed and agree. */
        @Setup(Level.Trial)
        public void build() {
            random = new SecureRandom();
            MlsFixtures.TwoViews views = MlsFixtures.buildGroup(members, random);
            committer = MlsFixtures.Snapshot.of(views.creator());
            receiver = MlsFixtures.Snapshot.of(views.other());
            newcomer = MlsFixtures.newMember("newcomer", random).keyPackage();

            CommitResult result = committer.restore(random).commit(List.of(new Proposal.Add(newcomer)));
            MlsFixtures.check(result.welcome().isPresent(), "the Add commit made no Welcome");
            MlsFixtures.check(result.group().members().size() == members + 1, "the Add did not add one member");
            addCommit = result.commit();
            Received received = receiver.restore(random).receive(addCommit);
            MlsFixtures.check(received.kind() == Received.Kind.COMMIT, "the receiver saw " + received.kind());
            MlsFixtures.check(received.group().epochAuthenticator().equals(result.group().epochAuthenticator()),
                    "committer and receiver disagree on the new epoch");
        }
    }

    /** The committer's group, fresh for every invocation. */
    @State(Scope.Thread)
    public static class CommitterGroup {

        Group group;

        /** Restores the snapshot (not measured). */
        @Setup(Level.Invocation)
        public void restore(Fixture fixture) {
            group = fixture.committer.restore(fixture.random);
        }
    }

    /** The receiver's group, fresh for every invocation. */
    @State(Scope.Thread)
    public static class ReceiverGroup {

        Group group;

        /** Restores the snapshot (not measured). */
        @Setup(Level.Invocation)
        public void restore(Fixture fixture) {
            group = fixture.receiver.restore(fixture.random);
        }
    }

    /** The creator commits one Add (with path and Welcome). */
    @Benchmark
    public CommitResult addOneMember(Fixture fixture, CommitterGroup committer) {
        return committer.group.commit(List.of(new Proposal.Add(fixture.newcomer)));
    }

    /** Another existing member processes that commit. */
    @Benchmark
    public Received processAddCommit(Fixture fixture, ReceiverGroup receiver) {
        return receiver.group.receive(fixture.addCommit);
    }
}
