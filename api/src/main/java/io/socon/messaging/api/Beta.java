package io.socon.messaging.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type or member whose shape may still change in a minor release.
 *
 * <p>Everything in {@code io.socon.messaging.api} and {@code io.socon.messaging.spi} that is not marked
 * {@code @Beta} follows semantic versioning: it changes incompatibly only in a major release. A {@code @Beta}
 * element works and is tested, but we want experience from real applications before we promise its form.
 * Code that uses it should expect to adapt when upgrading.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD,
        ElementType.RECORD_COMPONENT, ElementType.PACKAGE})
public @interface Beta {
}
