package com.betanet.marketplace.identity.oauth;

import com.betanet.marketplace.identity.application.ProfileRules;
import com.betanet.marketplace.identity.domain.UsernamePolicy;
import com.betanet.marketplace.shared.TextChecks;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The username and full name a new account gets from what a provider says about the person. Both must pass the same
 * rules as at sign-up; the person can change them later.
 */
final class ProviderNames {

    /** The full name of someone whose provider gave none we can use. */
    static final String FALLBACK_FULL_NAME = "Marketplace User";

    static final String FALLBACK_USERNAME = "user";

    // Leaves room for a suffix such as "_4821" or "_3fa94c1e" within the 30 characters of a username.
    static final int MAX_BASE = 21;
    private static final int NUMBERED_CANDIDATES = 5;

    private ProviderNames() {}

    /**
     * The username to try first, from the person's handle at the provider (X), else their name, else the part of
     * their email before the @: accents dropped ({@code José → jose}), everything outside {@code [a-z0-9_.]} turned
     * into dots ({@code Jane Doe → jane.doe}). Names in other scripts leave nothing usable; they get {@value
     * #FALLBACK_USERNAME}.
     */
    static String usernameBase(ProviderIdentity identity) {
        for (var source : Arrays.asList(identity.username(), identity.name(), localPart(identity.email()))) {
            var slug = slug(source);
            if (slug != null) {
                return slug;
            }
        }
        return FALLBACK_USERNAME;
    }

    /**
     * Usernames to try in order: the base itself, then with a random four-digit suffix a few times, then with eight
     * random hex digits. Candidates the username policy refuses (reserved words such as "admin") are left out.
     */
    static List<String> usernameCandidates(String base, RandomGenerator random) {
        var candidates = new ArrayList<String>();
        candidates.add(base);
        for (int i = 0; i < NUMBERED_CANDIDATES; i++) {
            candidates.add(base + "_" + (1000 + random.nextInt(9000)));
        }
        var hex = new byte[4];
        random.nextBytes(hex);
        candidates.add(base + "_" + HexFormat.of().formatHex(hex));
        return candidates.stream()
                .filter(candidate -> UsernamePolicy.problemWith(candidate).isEmpty())
                .toList();
    }

    /**
     * The provider's name when it is a valid person name; else its words without what a person name may not contain
     * (emoji, digits, symbols: {@code "Amina 🚀 W."} becomes {@code "Amina W"}); else the person's handle; else
     * {@value #FALLBACK_FULL_NAME}.
     */
    static String fullName(ProviderIdentity identity) {
        for (var source : Arrays.asList(identity.name(), identity.username())) {
            var name = personName(source);
            if (name != null) {
                return name;
            }
        }
        return FALLBACK_FULL_NAME;
    }

    static @Nullable String slug(@Nullable String text) {
        if (text == null) {
            return null;
        }
        var ascii = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        var slug = ascii.replaceAll("[^a-z0-9_.]+", ".").replaceAll("\\.{2,}", ".");
        slug = trimSeparators(slug);
        if (slug.length() > MAX_BASE) {
            slug = trimSeparators(slug.substring(0, MAX_BASE));
        }
        return slug.length() >= 3 ? slug : null;
    }

    static @Nullable String personName(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        var stripped = raw.strip();
        if (ProfileRules.checkFullName(stripped).isEmpty()) {
            return stripped;
        }
        var name = new StringBuilder();
        for (var word : raw.split("[^\\p{L}\\p{M}'’.\\-]+")) {
            var cleaned = word.replaceAll("^[^\\p{L}\\p{M}]+|[^\\p{L}\\p{M}]+$", "");
            if (cleaned.isEmpty()) {
                continue;
            }
            if (TextChecks.length(name.toString()) + 1 + TextChecks.length(cleaned) > ProfileRules.MAX_NAME) {
                break;
            }
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(cleaned);
        }
        var candidate = name.toString();
        return ProfileRules.checkFullName(candidate).isEmpty() ? candidate : null;
    }

    private static @Nullable String localPart(@Nullable String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at > 0 ? email.substring(0, at) : null;
    }

    private static String trimSeparators(String text) {
        return text.replaceAll("^[._]+|[._]+$", "");
    }
}
