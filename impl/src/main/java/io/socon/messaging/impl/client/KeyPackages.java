package io.socon.messaging.impl.client;

import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.group.KeyPackageBundle;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.xmtp.XmtpKeyPackageBuilder;
import io.socon.messaging.impl.store.client.StoredKeyPackage;
import java.security.SecureRandom;
import java.time.Clock;

/** Makes this installation's key packages (XMTP's profile) with fresh init and leaf keys. */
final class KeyPackages {

    private KeyPackages() {
    }

    static KeyPackageBundle create(LocalInstallation installation, SecureRandom random, Clock clock) {
        X25519KeyPair init = X25519KeyPair.generate(random);
        X25519KeyPair encryption = X25519KeyPair.generate(random);
        KeyPackage keyPackage = XmtpKeyPackageBuilder.forInbox(installation.inboxId())
                .installationKey(installation.mlsSigner())
                .initKey(init.publicKey())
                .encryptionKey(encryption.publicKey())
                .build(clock);
        return KeyPackageBundle.of(keyPackage, init, encryption, installation.mlsSigner());
    }

    static StoredKeyPackage stored(KeyPackageBundle bundle, Clock clock) {
        return new StoredKeyPackage(bundle.keyPackage().initKey().toByteArray(), bundle.toBytes(),
                Times.nanos(clock));
    }
}
