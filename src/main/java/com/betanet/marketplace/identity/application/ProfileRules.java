package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.shared.TextChecks;
import com.betanet.marketplace.shared.web.FieldError;
import java.util.Optional;

/** Rules for the profile fields that other people see, shared by sign-up and profile edits. */
public final class ProfileRules {

    public static final int MAX_NAME = 100;
    public static final int MAX_BIO = 500;

    private ProfileRules() {}

    public static Optional<FieldError> checkFullName(String fullName) {
        if (fullName.isEmpty() || TextChecks.length(fullName) > MAX_NAME) {
            return Optional.of(new FieldError("fullName", "Must be 1 to " + MAX_NAME + " characters"));
        }
        if (!TextChecks.isPersonName(fullName)) {
            return Optional.of(
                    new FieldError("fullName", "Must contain only letters, spaces, apostrophes, dots and hyphens"));
        }
        return Optional.empty();
    }

    public static Optional<FieldError> checkShopName(String shopName) {
        if (shopName.isEmpty() || TextChecks.length(shopName) > MAX_NAME) {
            return Optional.of(new FieldError("shopName", "Must be 1 to " + MAX_NAME + " characters"));
        }
        if (!TextChecks.isDisplayName(shopName)) {
            return Optional.of(new FieldError("shopName", "Must contain only letters, digits, punctuation and spaces"));
        }
        return Optional.empty();
    }

    public static Optional<FieldError> checkBio(String bio) {
        if (TextChecks.length(bio) > MAX_BIO) {
            return Optional.of(new FieldError("bio", "Must be at most " + MAX_BIO + " characters"));
        }
        if (TextChecks.hasControlCharacters(bio)) {
            return Optional.of(new FieldError("bio", "Must not contain control characters"));
        }
        return Optional.empty();
    }
}
