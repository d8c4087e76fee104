package io.socon.messaging.spi.keyvault;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The key vaults of one Socon Messaging instance, and which one holds a given key.
 *
 * <p><b>Registration is explicit.</b> Inside a Jakarta server, vaults are CDI beans that the Jakarta module
 * registers here; elsewhere the host calls {@link #register(KeyVault)}. Vaults are <em>not</em> discovered from
 * the classpath by default: any jar on the classpath could otherwise slip in a vault that handles our key
 * URIs and receive every private key we generate or import. Google Tink deprecated its automatic
 * {@code KmsClient} discovery for this reason. {@link #registerAllowed(Set, ClassLoader)} offers
 * {@link ServiceLoader} discovery restricted to an allow-list of class names the host configured; other
 * providers on the classpath are not even instantiated.
 *
 * <p><b>One vault per key.</b> {@link #forKey(KeyUri)} fails fast if two vaults claim the same URI instead of
 * picking one silently: a key generated in one vault and looked up in another would be lost. Two vaults with
 * the same {@link KeyVault#name()} cannot be registered either.
 *
 * <p>Thread-safe.
 */
public final class KeyVaults implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KeyVaults.class.getName());

    private final List<KeyVault> vaults = new CopyOnWriteArrayList<>();

    /** An empty registry. */
    public KeyVaults() {
    }

    /**
     * Adds a vault.
     *
     * @return this registry
     * @throws IllegalStateException if a vault with the same name is registered
     */
    public synchronized KeyVaults register(KeyVault vault) {
        Objects.requireNonNull(vault, "vault");
        for (KeyVault existing : vaults) {
            if (existing.name().equals(vault.name())) {
                throw new IllegalStateException("a key vault named '" + vault.name() + "' is already registered ("
                        + existing.getClass().getName() + "); give each vault its own name");
            }
        }
        vaults.add(vault);
        return this;
    }

    /**
     * Registers the {@link ServiceLoader} providers of {@link KeyVault} whose class names are in
     * {@code allowedClassNames}. Providers not in the list are reported in the log and never instantiated.
     * Call it only when the host has configured an allow-list; nothing calls it by default.
     *
     * @param allowedClassNames fully qualified class names of the vaults to load
     * @param loader where to look for {@code META-INF/services/io.socon.messaging.spi.keyvault.KeyVault}
     * @return the vaults registered by this call
     * @throws IllegalStateException if an allowed class is not found among the providers (a typo in the
     *     configuration should not silently leave keys without a vault); then nothing is registered
     */
    public List<KeyVault> registerAllowed(Set<String> allowedClassNames, ClassLoader loader) {
        Objects.requireNonNull(allowedClassNames, "allowedClassNames");
        List<ServiceLoader.Provider<KeyVault>> chosen = new ArrayList<>();
        Set<String> missing = new java.util.TreeSet<>(allowedClassNames);
        for (ServiceLoader.Provider<KeyVault> provider : ServiceLoader.load(KeyVault.class, loader).stream().toList()) {
            String className = provider.type().getName();
            if (allowedClassNames.contains(className)) {
                chosen.add(provider);
                missing.remove(className);
            } else {
                LOG.log(System.Logger.Level.WARNING, "Ignoring key vault {0} found on the class path: it is not in"
                        + " the allow-list of key vaults", className);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("allowed key vaults not found as ServiceLoader providers: " + missing
                    + "; check the class names and META-INF/services/" + KeyVault.class.getName());
        }
        List<KeyVault> added = new ArrayList<>();
        for (ServiceLoader.Provider<KeyVault> provider : chosen) {
            KeyVault vault = provider.get();
            register(vault);
            added.add(vault);
        }
        return List.copyOf(added);
    }

    /**
     * The vault that handles {@code uri}.
     *
     * @throws KeyVaultException {@link KeyVaultException.Reason#NOT_HANDLED} if none does
     * @throws IllegalStateException if more than one does
     */
    public KeyVault forKey(KeyUri uri) {
        Objects.requireNonNull(uri, "uri");
        KeyVault found = null;
        for (KeyVault vault : vaults) {
            if (vault.handles(uri)) {
                if (found != null) {
                    throw new IllegalStateException("key vaults '" + found.name() + "' and '" + vault.name()
                            + "' both handle " + uri + "; give them distinct key URI prefixes");
                }
                found = vault;
            }
        }
        if (found == null) {
            throw new KeyVaultException(KeyVaultException.Reason.NOT_HANDLED, "no registered key vault handles "
                    + uri + " (registered: " + vaults.stream().map(KeyVault::name).toList() + ")");
        }
        return found;
    }

    /** The registered vaults, in registration order. */
    public List<KeyVault> vaults() {
        return List.copyOf(vaults);
    }

    /** Closes every registered vault (errors are logged, not thrown) and empties the registry. */
    @Override
    public synchronized void close() {
        for (KeyVault vault : vaults) {
            try {
                vault.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Closing key vault " + vault.name() + " failed", e);
            }
        }
        vaults.clear();
    }
}
