package io.rollgate.workers.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An input record component whose variable the release may leave unset: bound as {@code null}
 * instead of refused. A blank value is still refused. Every other component stays required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface MayBeAbsent {}
