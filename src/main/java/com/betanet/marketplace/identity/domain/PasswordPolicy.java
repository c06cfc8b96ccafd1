package com.betanet.marketplace.identity.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Passwords are 8–128 characters and not among the most common ones (the list ships in
 * {@code identity/common-passwords.txt}). Length is counted in code points, so emoji count once.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    public static Optional<String> problemWith(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("Must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("Is too common; choose a less guessable password");
        }
        if (password.codePoints().distinct().count() < 3) {
            return Optional.of("Is too easy to guess");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        var stream = Objects.requireNonNull(
                PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt"), "common-passwords.txt");
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            var words = new HashSet<String>();
            reader.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(words::add);
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
