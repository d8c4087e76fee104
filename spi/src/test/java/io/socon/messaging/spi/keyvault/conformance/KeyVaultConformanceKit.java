package io.socon.messaging.spi.keyvault.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.socon.messaging.spi.keyvault.KeyInfo;
import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import io.socon.messaging.spi.keyvault.KeyVaultException;
import io.socon.messaging.spi.keyvault.KeyVaultException.Reason;
import io.socon.messaging.spi.keyvault.SignRequest;
import io.socon.messaging.spi.keyvault.SignatureVerifier;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance kit for {@link KeyVault} implementations: extend it in your plugin's tests and implement
 * {@link #createVault()} and {@link #keyUri(String)}. Every test runs against a fresh vault and uses key URIs
 * with a random part, so it can also run against a shared KMS or HSM; the keys it creates are deleted
 * afterwards.
 *
 * <pre>{@code
 * class MyVaultTest extends KeyVaultConformanceKit {
 *     protected KeyVault createVault() { return new MyVault(testConfig()); }
 *     protected KeyUri keyUri(String name) { return KeyUri.of("my-vault://test/" + name); }
 * }
 * }</pre>
 *
 * <p>What it checks: keys of each {@link KeyVault#supportedKinds() supported kind} are generated with public
 * keys of the right size; signatures verify against the reported public key with the JDK (Ed25519,
 * Ed25519ph) or a recovery check (secp256k1: low {@code s}, {@code v} 27/28); X25519 agreement matches the
 * JDK's; AEAD round trips and detects tampering; known-answer vectors (RFC 8032, RFC 7748, an EIP-191 signature
 * cross-checked with web3j) when the vault imports keys; private keys never come back; errors carry the
 * documented {@link Reason}; concurrent use is safe.
 *
 * <p>Needs JUnit 5 only (add {@code junit-jupiter} to your test dependencies next to this test-jar).
 */
public abstract class KeyVaultConformanceKit {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] IDENTITY_CONTEXT = "IDENTITY UPDATE SIGNATURE".getBytes(StandardCharsets.US_ASCII);

    /** The vault under test, fresh for each test. */
    protected KeyVault vault;

    private final List<KeyUri> created = new ArrayList<>();
    private String run;

    /** A new vault for one test. It is closed after the test. */
    protected abstract KeyVault createVault() throws Exception;

    /**
     * A key URI that the vault under test handles, unique for {@code name} (which is a short ASCII word with
     * a random part, safe in any path).
     */
    protected abstract KeyUri keyUri(String name);

    /** A key URI no vault under test handles. Override if yours handles everything (it should not). */
    protected KeyUri foreignKeyUri() {
        return KeyUri.of("conformance-foreign-vault://not-yours");
    }

    /** The kinds to test; the vault's supported kinds by default. */
    protected Set<KeyKind> kindsUnderTest() {
        return vault.supportedKinds();
    }

    @BeforeEach
    void openVault() throws Exception {
        vault = createVault();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeVault() {
        if (vault == null) {
            return;
        }
        for (KeyUri uri : created) {
            try {
                vault.delete(uri);
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        vault.close();
    }

    /** A unique URI for this test run, remembered for clean-up. */
    protected KeyUri uri(String name) {
        KeyUri uri = keyUri(name + "-" + run);
        synchronized (created) {
            created.add(uri);
        }
        return uri;
    }

    private KeyInfo generate(String name, KeyKind kind) {
        return vault.generate(uri(name), kind);
    }

    private void assumeKind(KeyKind kind) {
        assumeTrue(kindsUnderTest().contains(kind), () -> vault.name() + " does not support " + kind);
    }

    private static void assertReason(Reason expected, org.junit.jupiter.api.function.Executable call) {
        KeyVaultException e = assertThrows(KeyVaultException.class, call);
        assertEquals(expected, e.reason(), () -> "expected " + expected + " but got: " + e.getMessage());
    }

    // ------------------------------------------------------------------ routing and life cycle

    @Test
    @DisplayName("handles its own key URIs and not others, without I/O")
    void handlesOwnUris() {
        assertTrue(vault.handles(keyUri("any-" + run)), "the vault must handle the URIs keyUri() makes");
        assertFalse(vault.handles(foreignKeyUri()), "the vault must not claim another vault's URI");
        assertFalse(vault.name().isBlank(), "a vault has a name for logs and allow-lists");
    }

    @Test
    @DisplayName("generates every supported kind with a public key of the documented length")
    void generatesEveryKind() {
        for (KeyKind kind : kindsUnderTest()) {
            KeyInfo info = generate("gen-" + kind.name().toLowerCase(Locale.ROOT), kind);
            assertEquals(kind, info.kind());
            assertEquals(kind.publicKeyLength(), info.publicKey().length, kind + " public key length");
            assertEquals(info, vault.find(info.uri()).orElseThrow(), "find returns what generate returned");
            assertTrue(vault.list().contains(info), "list contains the new key");
        }
    }

    @Test
    @DisplayName("two generated keys differ")
    void generatedKeysDiffer() {
        for (KeyKind kind : kindsUnderTest()) {
            if (kind.asymmetric()) {
                KeyInfo a = generate("a-" + kind.name().toLowerCase(Locale.ROOT), kind);
                KeyInfo b = generate("b-" + kind.name().toLowerCase(Locale.ROOT), kind);
                assertFalse(Arrays.equals(a.publicKey(), b.publicKey()), kind + " keys must be random");
            }
        }
    }

    @Test
    @DisplayName("never overwrites a key: generating an existing URI is KEY_EXISTS")
    void refusesToOverwrite() {
        KeyKind kind = kindsUnderTest().iterator().next();
        KeyInfo first = generate("exists", kind);
        assertReason(Reason.KEY_EXISTS, () -> vault.generate(first.uri(), kind));
        assertEquals(first, vault.find(first.uri()).orElseThrow(), "the first key is unchanged");
    }

    @Test
    @DisplayName("refuses kinds it does not support with UNSUPPORTED_KIND")
    void refusesUnsupportedKinds() {
        Set<KeyKind> unsupported = EnumSet.complementOf(EnumSet.copyOf(vault.supportedKinds()));
        assumeFalse(unsupported.isEmpty(), "the vault supports every kind");
        for (KeyKind kind : unsupported) {
            assertReason(Reason.UNSUPPORTED_KIND, () -> vault.generate(uri("unsupported"), kind));
        }
    }

    @Test
    @DisplayName("refuses to generate a key under another vault's URI with NOT_HANDLED")
    void refusesForeignUris() {
        KeyKind kind = kindsUnderTest().iterator().next();
        assertReason(Reason.NOT_HANDLED, () -> vault.generate(foreignKeyUri(), kind));
    }

    @Test
    @DisplayName("delete makes a key unusable; deleting twice returns false; the URI can be reused")
    void deletes() {
        assumeKind(KeyKind.ED25519);
        KeyInfo info = generate("delete", KeyKind.ED25519);
        assertTrue(vault.delete(info.uri()));
        assertTrue(vault.find(info.uri()).isEmpty());
        assertFalse(vault.list().stream().anyMatch(k -> k.uri().equals(info.uri())));
        assertReason(Reason.KEY_NOT_FOUND, () -> vault.sign(info.uri(), SignRequest.ed25519(new byte[] {1})));
        assertFalse(vault.delete(info.uri()));
        KeyInfo again = vault.generate(info.uri(), KeyKind.ED25519);
        assertFalse(Arrays.equals(info.publicKey(), again.publicKey()), "a new key, not the deleted one");
    }

    @Test
    @DisplayName("unknown keys: find is empty, operations are KEY_NOT_FOUND, delete is false")
    void unknownKeys() {
        KeyUri missing = uri("missing");
        assertTrue(vault.find(missing).isEmpty());
        assertFalse(vault.delete(missing));
        if (kindsUnderTest().contains(KeyKind.ED25519)) {
            assertReason(Reason.KEY_NOT_FOUND, () -> vault.sign(missing, SignRequest.ed25519(new byte[] {1})));
        }
        if (kindsUnderTest().contains(KeyKind.SECP256K1)) {
            assertReason(Reason.KEY_NOT_FOUND, () -> vault.sign(missing, SignRequest.secp256k1(new byte[32])));
        }
        if (kindsUnderTest().contains(KeyKind.X25519)) {
            assertReason(Reason.KEY_NOT_FOUND, () -> vault.agree(missing, new byte[32]));
        }
        if (kindsUnderTest().contains(KeyKind.AES_256_GCM) || kindsUnderTest().contains(KeyKind.CHACHA20_POLY1305)) {
            assertReason(Reason.KEY_NOT_FOUND, () -> vault.encrypt(missing, new byte[1], new byte[0]));
            assertReason(Reason.KEY_NOT_FOUND, () -> vault.decrypt(missing, new byte[40], new byte[0]));
        }
    }

    // ------------------------------------------------------------------ signatures

    @Test
    @DisplayName("Ed25519 and Ed25519ph signatures verify with the reported public key and are deterministic")
    void ed25519Signs() {
        assumeKind(KeyKind.ED25519);
        KeyInfo info = generate("ed25519", KeyKind.ED25519);
        for (SignRequest request : List.of(SignRequest.ed25519(new byte[0]),
                SignRequest.ed25519("an MLS SignWithLabel message".getBytes(StandardCharsets.UTF_8)),
                SignRequest.ed25519ph("XMTP : Authenticate to inbox".getBytes(StandardCharsets.UTF_8), IDENTITY_CONTEXT),
                SignRequest.ed25519ph(new byte[1000], new byte[0]))) {
            byte[] signature = vault.sign(info.uri(), request);
            assertEquals(64, signature.length);
            assertTrue(SignatureVerifier.verify(info.publicKey(), request, signature), () -> "verifies: " + request);
            assertArrayEquals(signature, vault.sign(info.uri(), request), "Ed25519 is deterministic (RFC 8032)");
        }
        byte[] message = {1, 2, 3};
        byte[] pure = vault.sign(info.uri(), SignRequest.ed25519(message));
        assertFalse(SignatureVerifier.verify(info.publicKey(), SignRequest.ed25519ph(message, new byte[0]), pure),
                "Ed25519 and Ed25519ph signatures are not interchangeable");
        byte[] withContext = vault.sign(info.uri(), SignRequest.ed25519ph(message, IDENTITY_CONTEXT));
        assertFalse(SignatureVerifier.verify(info.publicKey(), SignRequest.ed25519ph(message, new byte[] {'x'}),
                withContext), "the context is bound into the signature");
    }

    @Test
    @DisplayName("secp256k1 signatures are 65 bytes, low-s, v 27/28, and recover the reported public key")
    void secp256k1Signs() {
        assumeKind(KeyKind.SECP256K1);
        KeyInfo info = generate("wallet", KeyKind.SECP256K1);
        assertEquals(0x04, info.publicKey()[0], "uncompressed SEC1");
        for (int i = 0; i < 8; i++) {
            byte[] digest = sha256(("digest " + i).getBytes(StandardCharsets.UTF_8));
            SignRequest request = SignRequest.secp256k1(digest);
            byte[] signature = vault.sign(info.uri(), request);
            assertEquals(65, signature.length);
            assertTrue(SignatureVerifier.verify(info.publicKey(), request, signature),
                    () -> "verifies and recovers: " + HEX.formatHex(signature));
            assertArrayEquals(info.publicKey(), SignatureVerifier.recoverSecp256k1(digest, signature).orElseThrow());
        }
    }

    @Test
    @DisplayName("a signature over other data or by another key does not verify")
    void signaturesAreBound() {
        assumeKind(KeyKind.SECP256K1);
        KeyInfo a = generate("bound-a", KeyKind.SECP256K1);
        KeyInfo b = generate("bound-b", KeyKind.SECP256K1);
        SignRequest request = SignRequest.secp256k1(sha256(new byte[] {7}));
        byte[] signature = vault.sign(a.uri(), request);
        assertFalse(SignatureVerifier.verify(b.publicKey(), request, signature));
        assertFalse(SignatureVerifier.verify(a.publicKey(), SignRequest.secp256k1(sha256(new byte[] {8})), signature));
    }

    @Test
    @DisplayName("operations on a key of the wrong kind are WRONG_KIND")
    void wrongKinds() {
        assumeKind(KeyKind.ED25519);
        KeyInfo ed = generate("wrong-ed", KeyKind.ED25519);
        assertReason(Reason.WRONG_KIND, () -> vault.sign(ed.uri(), SignRequest.secp256k1(new byte[32])));
        if (kindsUnderTest().contains(KeyKind.X25519)) {
            KeyInfo x = generate("wrong-x", KeyKind.X25519);
            assertReason(Reason.WRONG_KIND, () -> vault.sign(x.uri(), SignRequest.ed25519(new byte[] {1})));
            assertReason(Reason.WRONG_KIND, () -> vault.agree(ed.uri(), x.publicKey()));
        }
        if (kindsUnderTest().contains(KeyKind.AES_256_GCM)) {
            assertReason(Reason.WRONG_KIND, () -> vault.encrypt(ed.uri(), new byte[1], new byte[0]));
            KeyInfo aes = generate("wrong-aes", KeyKind.AES_256_GCM);
            assertReason(Reason.WRONG_KIND, () -> vault.sign(aes.uri(), SignRequest.ed25519(new byte[] {1})));
        }
    }

    // ------------------------------------------------------------------ agreement and encryption

    @Test
    @DisplayName("X25519 agreement gives the same secret as the JDK on the other side")
    void x25519Agrees() throws Exception {
        assumeKind(KeyKind.X25519);
        KeyInfo info = generate("hpke", KeyKind.X25519);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
        generator.initialize(NamedParameterSpec.X25519);
        KeyPair ephemeral = generator.generateKeyPair();
        byte[] ephemeralPublic = raw(ephemeral.getPublic().getEncoded());

        byte[] inVault = vault.agree(info.uri(), ephemeralPublic);

        KeyAgreement jdk = KeyAgreement.getInstance("X25519");
        jdk.init(ephemeral.getPrivate());
        jdk.doPhase(java.security.KeyFactory.getInstance("X25519").generatePublic(
                new java.security.spec.X509EncodedKeySpec(spki(info.publicKey()))), true);
        assertArrayEquals(jdk.generateSecret(), inVault);
    }

    @Test
    @DisplayName("X25519 refuses peer keys of the wrong length or low order with INVALID_INPUT")
    void x25519RefusesBadPeers() {
        assumeKind(KeyKind.X25519);
        KeyInfo info = generate("hpke-bad", KeyKind.X25519);
        assertReason(Reason.INVALID_INPUT, () -> vault.agree(info.uri(), new byte[31]));
        assertReason(Reason.INVALID_INPUT, () -> vault.agree(info.uri(), new byte[32])); // the point 0
        byte[] one = new byte[32];
        one[0] = 1;
        assertReason(Reason.INVALID_INPUT, () -> vault.agree(info.uri(), one)); // order 1
    }

    @Test
    @DisplayName("AEAD keys round-trip, randomize nonces, and detect altered ciphertext or associated data")
    void aeadRoundTrips() {
        for (KeyKind kind : List.of(KeyKind.AES_256_GCM, KeyKind.CHACHA20_POLY1305)) {
            if (!kindsUnderTest().contains(kind)) {
                continue;
            }
            KeyInfo info = generate("aead-" + kind.name().toLowerCase(Locale.ROOT), kind);
            byte[] plaintext = "the database key".getBytes(StandardCharsets.UTF_8);
            byte[] aad = "socon/db/v1".getBytes(StandardCharsets.UTF_8);
            byte[] sealed = vault.encrypt(info.uri(), plaintext, aad);
            assertArrayEquals(plaintext, vault.decrypt(info.uri(), sealed, aad), kind + " round trip");
            assertArrayEquals(new byte[0], vault.decrypt(info.uri(), vault.encrypt(info.uri(), new byte[0], new byte[0]),
                    new byte[0]), kind + " empty plaintext");
            assertFalse(Arrays.equals(sealed, vault.encrypt(info.uri(), plaintext, aad)), "fresh nonce per call");

            byte[] altered = sealed.clone();
            altered[altered.length - 1] ^= 1;
            assertReason(Reason.DECRYPTION_FAILED, () -> vault.decrypt(info.uri(), altered, aad));
            assertReason(Reason.DECRYPTION_FAILED, () -> vault.decrypt(info.uri(), sealed, new byte[0]));
            KeyInfo other = generate("aead-other-" + kind.name().toLowerCase(Locale.ROOT), kind);
            assertReason(Reason.DECRYPTION_FAILED, () -> vault.decrypt(other.uri(), sealed, aad));
        }
    }

    // ------------------------------------------------------------------ known answers (needs import)

    @Test
    @DisplayName("imported keys give the RFC 8032 / RFC 7748 / EIP-191 known answers")
    void knownAnswers() {
        assumeImports();
        if (kindsUnderTest().contains(KeyKind.ED25519)) {
            // RFC 8032 section 7.1, TEST 1
            KeyInfo ed = vault.importPrivateKey(uri("rfc8032-1"), KeyKind.ED25519,
                    HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
            assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", HEX.formatHex(ed.publicKey()));
            assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                    HEX.formatHex(vault.sign(ed.uri(), SignRequest.ed25519(new byte[0]))));
            // RFC 8032 section 7.3, TEST abc (Ed25519ph)
            KeyInfo ph = vault.importPrivateKey(uri("rfc8032-ph"), KeyKind.ED25519,
                    HEX.parseHex("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42"));
            assertEquals("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", HEX.formatHex(ph.publicKey()));
            assertEquals("98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406",
                    HEX.formatHex(vault.sign(ph.uri(), SignRequest.ed25519ph(HEX.parseHex("616263"), new byte[0]))));
        }
        if (kindsUnderTest().contains(KeyKind.X25519)) {
            // RFC 7748 section 6.1
            KeyInfo alice = vault.importPrivateKey(uri("rfc7748-alice"), KeyKind.X25519,
                    HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
            assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", HEX.formatHex(alice.publicKey()));
            assertEquals("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", HEX.formatHex(vault.agree(
                    alice.uri(), HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))));
        }
        if (kindsUnderTest().contains(KeyKind.SECP256K1)) {
            // EIP-191 personal_sign of "hello XMTP", cross-checked with web3j 6.0.0 (RFC 6979 nonces)
            KeyInfo wallet = vault.importPrivateKey(uri("eip191"), KeyKind.SECP256K1,
                    HEX.parseHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
            assertEquals("044e3b81af9c2234cad09d679ce6035ed1392347ce64ce405f5dcd36228a25de6e47fd35c4215d1edf53e6f83de344615ce719bdb0fd878f6ed76f06dd277956de",
                    HEX.formatHex(wallet.publicKey()));
            SignRequest request = SignRequest.secp256k1(
                    HEX.parseHex("85db85389a6f700e214ef0af7fd2ae3257c9de0ba24b6dc11cf61ea65f50231e"));
            byte[] signature = vault.sign(wallet.uri(), request);
            assertTrue(SignatureVerifier.verify(wallet.publicKey(), request, signature));
            // A vault with RFC 6979 nonces (as web3j, Bouncy Castle and our in-memory vault) produces exactly
            // 6bd06c1037f4231facbf70e7030a39403fd90b83bd2445bb880e402859990af82e7c61fda30c8725fd7166de095d3eeed40e4b3981864aba54b3455b456866dd1c;
            // random nonces are allowed too, so only verification is required here.
        }
    }

    @Test
    @DisplayName("import refuses malformed private keys with INVALID_INPUT")
    void importChecksInput() {
        assumeImports();
        for (KeyKind kind : kindsUnderTest()) {
            assertReason(Reason.INVALID_INPUT, () -> vault.importPrivateKey(uri("short"), kind, new byte[31]));
        }
        if (kindsUnderTest().contains(KeyKind.SECP256K1)) {
            assertReason(Reason.INVALID_INPUT, () -> vault.importPrivateKey(uri("zero"), KeyKind.SECP256K1, new byte[32]));
        }
    }

    @Test
    @DisplayName("private keys never come back: not in KeyInfo, list, toString or messages; no export method")
    void neverExportsPrivateKeys() {
        for (Method method : vault.getClass().getMethods()) {
            String name = method.getName().toLowerCase(Locale.ROOT);
            if (Modifier.isPublic(method.getModifiers()) && !name.equals("importprivatekey")
                    && (name.contains("export") || name.contains("privatekey") || name.contains("secretkey"))) {
                fail("a key vault must not offer " + method + ": private keys stay in the vault");
            }
        }
        assumeImports();
        byte[] secret = HEX.parseHex("1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988");
        String secretHex = HEX.formatHex(secret);
        for (KeyKind kind : kindsUnderTest()) {
            KeyInfo info = vault.importPrivateKey(uri("secret-" + kind.name().toLowerCase(Locale.ROOT)), kind, secret);
            assertFalse(Arrays.equals(secret, info.publicKey()), kind + ": the public key is not the private key");
            for (String text : List.of(info.toString(), vault.toString(), vault.list().toString())) {
                assertFalse(text.toLowerCase(Locale.ROOT).contains(secretHex), kind + ": private key in " + text);
            }
            KeyVaultException e = assertThrows(KeyVaultException.class, () -> vault.importPrivateKey(info.uri(), kind, secret));
            assertFalse(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains(secretHex));
        }
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    @DisplayName("concurrent generate, sign and delete are safe; racing generates of one URI make one key")
    void concurrentUse() throws Exception {
        assumeKind(KeyKind.ED25519);
        KeyInfo shared = generate("shared", KeyKind.ED25519);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    KeyInfo own = vault.generate(uri("own-" + thread), KeyKind.ED25519);
                    for (int i = 0; i < 25; i++) {
                        byte[] message = ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
                        for (KeyInfo key : List.of(own, shared)) {
                            SignRequest request = SignRequest.ed25519(message);
                            assertTrue(SignatureVerifier.verify(key.publicKey(), request, vault.sign(key.uri(), request)));
                        }
                    }
                    assertTrue(vault.delete(own.uri()));
                    return null;
                }));
            }
            KeyUri contested = uri("contested");
            AtomicInteger winners = new AtomicInteger();
            AtomicInteger losers = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    try {
                        vault.generate(contested, KeyKind.ED25519);
                        winners.incrementAndGet();
                    } catch (KeyVaultException e) {
                        assertEquals(Reason.KEY_EXISTS, e.reason());
                        losers.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(100, TimeUnit.SECONDS);
            }
            assertEquals(1, winners.get(), "exactly one generate of a contested URI succeeds");
            assertEquals(threads - 1, losers.get());
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ helpers

    private void assumeImports() {
        KeyKind kind = kindsUnderTest().iterator().next();
        KeyUri probe = uri("import-probe");
        try {
            vault.importPrivateKey(probe, kind, validPrivateKey());
            vault.delete(probe);
        } catch (KeyVaultException e) {
            assumeFalse(e.reason() == Reason.UNSUPPORTED_OPERATION, vault.name() + " does not import keys");
            throw e;
        }
    }

    private static byte[] validPrivateKey() {
        byte[] key = new byte[32];
        key[31] = 5;
        return key;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] raw(byte[] spki) {
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    private static byte[] spki(byte[] rawX25519) {
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};
        byte[] out = Arrays.copyOf(prefix, 44);
        System.arraycopy(rawX25519, 0, out, 12, 32);
        return out;
    }
}
