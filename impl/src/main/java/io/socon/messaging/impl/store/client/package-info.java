/**
 * The client's local state: {@link io.socon.messaging.impl.store.client.ClientStore}, its transaction view and
 * the stored records. Secret fields are encrypted at rest with a key from the KeyVault.
 */
package io.socon.messaging.impl.store.client;
