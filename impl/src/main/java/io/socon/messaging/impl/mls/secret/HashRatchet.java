package io.socon.messaging.impl.mls.secret;

import io.socon.messaging.impl.mls.crypto.Aead;
import io.socon.messaging.impl.mls.crypto.Kdf;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * One hash ratchet (RFC 9420 section 9.1): the secret of the next generation and the keys of skipped
 * generations still kept for late messages, oldest first.
 */
final class HashRatchet {

    /** Generations are uint32; after the last one the ratchet is exhausted. */
    static final long GENERATION_LIMIT = 1L << 32;

    private long nextGeneration;
    private byte[] secret;
    private final ArrayDeque<RatchetKey> kept;

    HashRatchet(long nextGeneration, byte[] secret, ArrayDeque<RatchetKey> kept) {
        this.nextGeneration = nextGeneration;
        this.secret = secret;
        this.kept = kept;
    }

    /** A fresh ratchet at generation 0 that takes ownership of {@code secret}. */
    static HashRatchet start(byte[] secret) {
        return new HashRatchet(0, secret, new ArrayDeque<>());
    }

    long nextGeneration() {
        return nextGeneration;
    }

    byte[] secret() {
        return secret;
    }

    Iterable<RatchetKey> kept() {
        return kept;
    }

    /** The key of the next generation, for sending; the ratchet moves past it. */
    RatchetKey next() {
        checkNotExhausted();
        return deriveAndAdvance();
    }

    /**
     * The key of {@code generation}, for receiving. Earlier generations skipped on the way are kept, up to
     * the configured tolerance; a kept key is removed when taken.
     */
    RatchetKey take(long generation, RatchetConfig config) {
        if (generation < 0 || generation >= GENERATION_LIMIT) {
            throw new SecretTreeException("generation out of range: " + generation);
        }
        if (generation < nextGeneration) {
            for (Iterator<RatchetKey> it = kept.iterator(); it.hasNext(); ) {
                RatchetKey key = it.next();
                if (key.generation() == generation) {
                    it.remove();
                    return key;
                }
            }
            throw new SecretTreeException("the key of generation " + generation
                    + " was already used or deleted (ratchet at " + nextGeneration + ")");
        }
        if (generation - nextGeneration > config.maximumForwardDistance()) {
            throw new SecretTreeException("generation " + generation + " is more than "
                    + config.maximumForwardDistance() + " ahead of the ratchet (at " + nextGeneration + ")");
        }
        while (nextGeneration < generation) {
            RatchetKey skipped = deriveAndAdvance();
            if (config.outOfOrderTolerance() == 0) {
                skipped.destroy();
                continue;
            }
            if (kept.size() >= config.outOfOrderTolerance()) {
                kept.removeFirst().destroy();
            }
            kept.addLast(skipped);
        }
        return deriveAndAdvance();
    }

    void destroy() {
        Arrays.fill(secret, (byte) 0);
        for (RatchetKey key : kept) {
            key.destroy();
        }
        kept.clear();
    }

    private RatchetKey deriveAndAdvance() {
        long generation = nextGeneration;
        byte[] key = Kdf.deriveTreeSecret(secret, "key", generation, Aead.KEY_LENGTH);
        byte[] nonce = Kdf.deriveTreeSecret(secret, "nonce", generation, Aead.NONCE_LENGTH);
        if (generation + 1 < GENERATION_LIMIT) {
            byte[] following = Kdf.deriveTreeSecret(secret, "secret", generation, Kdf.HASH_LENGTH);
            Arrays.fill(secret, (byte) 0);
            secret = following;
        } else {
            Arrays.fill(secret, (byte) 0);
        }
        nextGeneration = generation + 1;
        return new RatchetKey(generation, key, nonce);
    }

    private void checkNotExhausted() {
        if (nextGeneration >= GENERATION_LIMIT) {
            throw new SecretTreeException("the ratchet has used all 2^32 generations");
        }
    }
}
