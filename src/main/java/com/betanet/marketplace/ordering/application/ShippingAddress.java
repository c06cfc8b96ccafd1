package com.betanet.marketplace.ordering.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Where a checkout's orders go; copied into every order of the checkout. */
public record ShippingAddress(
        @NotBlank @Size(max = 200) String fullName,

        @NotBlank @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()-]{4,32}", message = "Must be a phone number")
        String phoneNumber,

        @NotBlank @Size(max = 200) String line1,
        @Nullable @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,
        @Nullable @Size(max = 100) String region,
        @Nullable @Size(max = 20) String postalCode,

        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "Must be an ISO 3166-1 alpha-2 country code")
        String country) {}
