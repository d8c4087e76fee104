package io.socon.messaging.benchmarks.mls;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.HpkeCiphertext;
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
 * The primitives the group operations are made of, to read the group figures against: one HPKE
 * EncryptWithLabel of a 32-byte path secret (an X25519 key generation and an X25519 agreement; a commit makes
 * one per node of the copath resolutions), one HPKE decryption, and Ed25519 signing and verifying 1 KiB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CryptoBaselineBenchmark {

    private SecureRandom random;
    private X25519KeyPair recipient;
    private byte[] secret;
    private byte[] context;
    private HpkeCiphertext ciphertext;
    private Ed25519KeyPair signer;
    private byte[] message;
    private Bytes signature;

    /** Keys and inputs. */
    @Setup
    public void setUp() {
        random = new SecureRandom();
        recipient = X25519KeyPair.generate(random);
        secret = MlsFixtures.randomBytes(32, random);
        context = MlsFixtures.randomBytes(100, random);
        ciphertext = Hpke.encryptWithLabel(recipient.publicKey(), "UpdatePathNode", context, secret, random);
        signer = Ed25519KeyPair.generate(random);
        message = MlsFixtures.randomBytes(ApplicationMessageBenchmark.MESSAGE_SIZE, random);
        signature = Bytes.copyOf(signer.sign(message));
    }

    /** HPKE EncryptWithLabel of a path secret. */
    @Benchmark
    public HpkeCiphertext hpkeEncrypt() {
        return Hpke.encryptWithLabel(recipient.publicKey(), "UpdatePathNode", context, secret, random);
    }

    /** HPKE DecryptWithLabel of a path secret. */
    @Benchmark
    public byte[] hpkeDecrypt() {
        return Hpke.decryptWithLabel(recipient, "UpdatePathNode", context, ciphertext);
    }

    /** Ed25519 signature of 1 KiB. */
    @Benchmark
    public byte[] ed25519Sign() {
        return signer.sign(message);
    }

    /** Ed25519 verification of 1 KiB. */
    @Benchmark
    public boolean ed25519Verify() {
        return Ed25519KeyPair.verify(signer.publicKey(), message, signature);
    }

    /** Rebuilding a key pair from a stored Ed25519 private key (what GroupKeys.signatureKey() does per call). */
    @Benchmark
    public Ed25519KeyPair ed25519FromPrivateKey() {
        return Ed25519KeyPair.fromPrivateKey(signer.privateKey());
    }
}
