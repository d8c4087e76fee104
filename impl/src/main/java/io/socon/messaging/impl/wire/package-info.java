/**
 * XMTP's wire format: Java classes and gRPC stubs generated at build time from our own {@code .proto}
 * files in {@code src/main/proto}.
 *
 * <p>The schemas reproduce XMTP's (proto packages, message and enum names, field numbers and types,
 * gRPC service and method names) so that the bytes are those real XMTP clients and nodes exchange;
 * only the Java package differs ({@code io.socon.messaging.impl.wire.*}), which does not touch the
 * wire. Sub-packages follow the proto packages: {@code mls.api.v1} (MlsApi), {@code identity.api.v1}
 * (IdentityApi), {@code identity.associations}, {@code identity}, {@code messagecontents},
 * {@code mls.messagecontents} and {@code devicesync}. Nothing outside {@code impl} sees these types.
 */
package io.socon.messaging.impl.wire;
