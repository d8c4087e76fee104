/**
 * The Jakarta EE wiring: CDI producers for the API entry point and the SPI defaults, the embedded
 * node's lifecycle, MicroProfile Config for every setting, the JAX-RS REST API and the WebSocket
 * endpoint.
 *
 * <p>Only this package depends on Jakarta APIs, so the rest of {@code impl} also runs outside a
 * server (tests, the standalone node, the command-line client).
 */
package io.socon.messaging.impl.jakarta;
