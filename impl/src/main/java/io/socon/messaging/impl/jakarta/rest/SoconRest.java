package io.socon.messaging.impl.jakarta.rest;

import java.util.Set;

/**
 * The JAX-RS classes of the REST API, for applications that list their classes in
 * {@code Application.getClasses()} instead of letting the server discover them:
 *
 * <pre>{@code
 * @ApplicationPath("/api/v1")
 * public class RestApplication extends Application {
 *     public Set<Class<?>> getClasses() {
 *         Set<Class<?>> classes = new HashSet<>(SoconRest.classes());
 *         classes.add(MyOwnResource.class);
 *         return classes;
 *     }
 * }
 * }</pre>
 */
public final class SoconRest {

    private SoconRest() {
    }

    /** The resources and exception mappers of the REST API. */
    public static Set<Class<?>> classes() {
        return Set.of(InboxResource.class, CanMessageResource.class, ConversationResource.class,
                MessagingExceptionMapper.class, InvalidValueExceptionMapper.class);
    }
}
