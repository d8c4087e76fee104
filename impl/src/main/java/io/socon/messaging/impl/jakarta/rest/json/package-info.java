/**
 * The JSON bodies of the REST API and the WebSocket frames ({@code docs/rest-api.md}): plain records that JSON-B
 * writes and reads. Absent values are {@code null} and left out of the JSON, except where the contract shows an
 * explicit {@code null} ({@code lastMessage}, {@code next}).
 */
package io.socon.messaging.impl.jakarta.rest.json;
