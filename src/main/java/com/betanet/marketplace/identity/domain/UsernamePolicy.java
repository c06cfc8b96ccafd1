package com.betanet.marketplace.identity.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Usernames are 3–30 of {@code [a-z0-9_.]}, compared case-insensitively, and never a word the product needs. */
public final class UsernamePolicy {

    private static final Pattern SHAPE = Pattern.compile("^[a-z0-9_.]{3,30}$");
    private static final Set<String> RESERVED = Set.of(
            "me",
            "search",
            "admin",
            "administrator",
            "api",
            "support",
            "help",
            "root",
            "system",
            "betanet",
            "marketplace",
            "staff",
            "moderator",
            "mod",
            "official",
            "security",
            "billing",
            "payments",
            "wallet",
            "orders",
            "seller",
            "sellers",
            "buyer",
            "settings",
            "login",
            "logout",
            "register",
            "signup",
            "auth",
            "oauth",
            "console",
            "null",
            "undefined",
            "anonymous",
            "info",
            "contact",
            "about",
            "www",
            "mail",
            "noreply",
            "no-reply",
            "webmaster",
            "postmaster",
            "abuse");

    private UsernamePolicy() {}

    public static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    /** Why the (normalised) username is not acceptable, if it is not. */
    public static Optional<String> problemWith(String normalized) {
        if (!SHAPE.matcher(normalized).matches()) {
            return Optional.of("Must be 3 to 30 characters of a-z, 0-9, '_' and '.'");
        }
        if (RESERVED.contains(normalized)) {
            return Optional.of("Is reserved");
        }
        return Optional.empty();
    }
}
