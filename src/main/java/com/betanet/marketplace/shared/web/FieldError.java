package com.betanet.marketplace.shared.web;

/** One entry of a problem response's {@code errors}: which input field is wrong and why. */
public record FieldError(String field, String message) {}
