package com.betanet.marketplace.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error responses an endpoint can give, each as {@code "<status> <code>"} (e.g. {@code "409 email_taken"}), so
 * the OpenAPI document lists them with the problem schema.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemCodes {
    String[] value();
}
