package io.socon.messaging.impl.mls.crypto;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.nio.charset.StandardCharsets;

/**
 * SignWithLabel and VerifyWithLabel (RFC 9420 section 5.1.2) for cipher suite 3 (Ed25519).
 *
 * <p>What is signed is not the content itself but the encoding of
 * {@code struct { opaque label<V>; opaque content<V>; } SignContent} with the label prefixed by
 * {@code "MLS 1.0 "}, so a signature made for one purpose cannot be replayed for another.
 */
public final class LabeledSignature {

    /** The prefix every label gets. */
    public static final String LABEL_PREFIX = "MLS 1.0 ";

    private LabeledSignature() {
    }

    /** SignWithLabel: signs {@code content} for {@code label} (without the prefix, e.g. "KeyPackageTBS"). */
    public static Bytes sign(Ed25519KeyPair key, String label, byte[] content) {
        return Bytes.copyOf(key.sign(signContent(label, content)));
    }

    /** VerifyWithLabel: whether {@code signature} signs {@code content} for {@code label}. */
    public static boolean verify(Bytes publicKey, String label, byte[] content, Bytes signature) {
        return Ed25519KeyPair.verify(publicKey, signContent(label, content), signature);
    }

    /** The encoded SignContent structure that is actually signed. */
    public static byte[] signContent(String label, byte[] content) {
        byte[] fullLabel = (LABEL_PREFIX + label).getBytes(StandardCharsets.US_ASCII);
        return new TlsWriter(content.length + fullLabel.length + 8)
                .writeOpaque(fullLabel)
                .writeOpaque(content)
                .toByteArray();
    }
}
