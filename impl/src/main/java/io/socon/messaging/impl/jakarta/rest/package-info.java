/**
 * The REST API and the WebSocket stream of {@code docs/rest-api.md}, for host users' browsers and apps.
 *
 * <h2>Mounting</h2>
 * The resources ({@link io.socon.messaging.impl.jakarta.rest.InboxResource},
 * {@link io.socon.messaging.impl.jakarta.rest.CanMessageResource},
 * {@link io.socon.messaging.impl.jakarta.rest.ConversationResource}) and the exception mappers are annotated
 * JAX-RS classes in this jar, which is a CDI bean archive ({@code META-INF/beans.xml}). The host application
 * chooses the REST root with its own {@code @ApplicationPath} class: an {@code Application} whose
 * {@code getClasses()} is empty gets every annotated resource and provider of the WAR, those in
 * {@code WEB-INF/lib} jars included; one that lists its classes adds {@link io.socon.messaging.impl.jakarta.rest.SoconRest#classes()}.
 * The WebSocket is a programmatic endpoint whose path the application chooses, see
 * {@link io.socon.messaging.impl.jakarta.rest.MessageStreamEndpoint}.
 *
 * <h2>Who is calling</h2>
 * {@link io.socon.messaging.impl.jakarta.rest.HostUserResolver}: by default the request's principal; an
 * application replaces it with an {@code @Alternative @Priority} bean.
 *
 * <h2>Threads and errors</h2>
 * Resource methods return {@code CompletionStage}s, so no container thread waits for the XMTP node. Every
 * failure becomes an {@code application/problem+json} body ({@link io.socon.messaging.impl.jakarta.rest.Problems});
 * request bodies are read here, so malformed JSON is a {@code 400} problem too.
 */
package io.socon.messaging.impl.jakarta.rest;
