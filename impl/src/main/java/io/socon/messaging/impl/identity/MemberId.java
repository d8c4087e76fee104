package io.socon.messaging.impl.identity;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.crypto.Hex;
import java.util.Objects;

/**
 * Names one member of an inbox. Two ids are equal when their kind and value are equal; Ethereum addresses are
 * compared as the exact strings sent on the wire, as libxmtp does (every address this project produces is
 * lowercase).
 */
public sealed interface MemberId permits MemberId.Ethereum, MemberId.Installation, MemberId.Passkey {

    /** The member's kind. */
    MemberKind kind();

    /** The value as XMTP writes it in signature texts: the address as given, or lowercase hex of a key. */
    String text();

    /** An Ethereum address, kept exactly as given. */
    static Ethereum ethereum(String address) {
        return new Ethereum(address);
    }

    /** An installation, by its 32-byte Ed25519 public key. */
    static Installation installation(byte[] publicKey) {
        return new Installation(ByteString.copyFrom(publicKey));
    }

    /** An Ethereum account. */
    record Ethereum(String address) implements MemberId {
        /** Checks the address is present. */
        public Ethereum {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public MemberKind kind() {
            return MemberKind.ETHEREUM;
        }

        @Override
        public String text() {
            return address;
        }

        @Override
        public String toString() {
            return "address " + address;
        }
    }

    /** An installation key. */
    record Installation(ByteString publicKey) implements MemberId {
        /** Checks the key is present. */
        public Installation {
            Objects.requireNonNull(publicKey, "publicKey");
        }

        @Override
        public MemberKind kind() {
            return MemberKind.INSTALLATION;
        }

        @Override
        public String text() {
            return Hex.encode(publicKey.toByteArray());
        }

        @Override
        public String toString() {
            return "installation " + text();
        }
    }

    /** A passkey, by its public key (the relying party does not take part in equality, as in libxmtp). */
    record Passkey(ByteString key) implements MemberId {
        /** Checks the key is present. */
        public Passkey {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public MemberKind kind() {
            return MemberKind.PASSKEY;
        }

        @Override
        public String text() {
            return Hex.encode(key.toByteArray());
        }

        @Override
        public String toString() {
            return "passkey " + text();
        }
    }
}
