package io.socon.messaging.it.module;

import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.keyvault.KeyInfo;
import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import io.socon.messaging.spi.keyvault.SignRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's key vault: memory, under {@link #PREFIX}, counting what the module asks of it. */
@ApplicationScoped
public class CountingKeyVault implements KeyVault {

    public static final String PREFIX = "it-vault://";

    private final InMemoryKeyVault delegate = new InMemoryKeyVault(PREFIX, Clock.systemUTC());
    private final AtomicInteger generated = new AtomicInteger();
    private final AtomicInteger signed = new AtomicInteger();

    public int generated() {
        return generated.get();
    }

    public int signed() {
        return signed.get();
    }

    @Override
    public String name() {
        return "it-counting-vault";
    }

    @Override
    public boolean handles(KeyUri uri) {
        return delegate.handles(uri);
    }

    @Override
    public Set<KeyKind> supportedKinds() {
        return delegate.supportedKinds();
    }

    @Override
    public KeyInfo generate(KeyUri uri, KeyKind kind) {
        generated.incrementAndGet();
        return delegate.generate(uri, kind);
    }

    @Override
    public KeyInfo importPrivateKey(KeyUri uri, KeyKind kind, byte[] privateKey) {
        return delegate.importPrivateKey(uri, kind, privateKey);
    }

    @Override
    public Optional<KeyInfo> find(KeyUri uri) {
        return delegate.find(uri);
    }

    @Override
    public List<KeyInfo> list() {
        return delegate.list();
    }

    @Override
    public byte[] sign(KeyUri uri, SignRequest request) {
        signed.incrementAndGet();
        return delegate.sign(uri, request);
    }

    @Override
    public byte[] agree(KeyUri uri, byte[] peerPublicKey) {
        return delegate.agree(uri, peerPublicKey);
    }

    @Override
    public byte[] encrypt(KeyUri uri, byte[] plaintext, byte[] associatedData) {
        return delegate.encrypt(uri, plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(KeyUri uri, byte[] ciphertext, byte[] associatedData) {
        return delegate.decrypt(uri, ciphertext, associatedData);
    }

    @Override
    public boolean delete(KeyUri uri) {
        return delegate.delete(uri);
    }
}
