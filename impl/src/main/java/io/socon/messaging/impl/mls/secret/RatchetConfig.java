package io.socon.messaging.impl.mls.secret;

/**
 * How far a receiving ratchet bends to reordered delivery.
 *
 * @param outOfOrderTolerance    how many skipped keys per ratchet are kept for messages that arrive late;
 *                               the oldest is deleted when more are skipped (0 keeps none)
 * @param maximumForwardDistance how many generations a message may be ahead of the ratchet; a message
 *                               further ahead is refused, which bounds the work a forged generation causes
 */
public record RatchetConfig(int outOfOrderTolerance, int maximumForwardDistance) {

    /** The defaults OpenMLS uses: 5 kept keys, 1000 generations ahead. */
    public static final RatchetConfig DEFAULT = new RatchetConfig(5, 1000);

    /** Checks the ranges. */
    public RatchetConfig {
        if (outOfOrderTolerance < 0 || outOfOrderTolerance > 0xFFFF) {
            throw new IllegalArgumentException("outOfOrderTolerance must be 0..65535: " + outOfOrderTolerance);
        }
        if (maximumForwardDistance < 0) {
            throw new IllegalArgumentException("maximumForwardDistance must not be negative");
        }
    }
}
