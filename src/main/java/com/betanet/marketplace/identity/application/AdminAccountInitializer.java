package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.UserRegistered;
import com.betanet.marketplace.identity.domain.EmailAddress;
import com.betanet.marketplace.identity.domain.PasswordPolicy;
import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.identity.domain.UsernamePolicy;
import com.betanet.marketplace.identity.token.RefreshTokens;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure the configured admin account exists at start-up ({@code marketplace.admin.email} and {@code .password},
 * env {@code MARKETPLACE_ADMIN_EMAIL}/{@code _PASSWORD}; nothing happens unless both are set). A new account gets
 * roles BUYER and ADMIN, a verified email and the username {@value #USERNAME}. An existing account with that email
 * gets ADMIN and a verified email, and its password is replaced by the configured one only when it no longer matches
 * (then its other sessions are ended, as after any password change). A suspension is left alone: that is an admin's
 * decision, not configuration.
 *
 * <p>Several nodes may start at once: the unique indexes decide who creates the account, and the losers retry and
 * find it.
 */
@Component
class AdminAccountInitializer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccountInitializer.class);
    // "admin" itself is reserved for users (UsernamePolicy); this name passes the policy on purpose, so that the
    // account looks like any other to the rest of the system.
    static final String USERNAME = "marketplace_admin";
    private static final int ATTEMPTS = 3;

    private final String email;
    private final String password;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final RefreshTokens refreshTokens;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AdminAccountInitializer(
            @Value("${marketplace.admin.email:}") String email,
            @Value("${marketplace.admin.password:}") String password,
            UserRepository users,
            PasswordEncoder passwords,
            RefreshTokens refreshTokens,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.email = email;
        this.password = password;
        this.users = users;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (email.isBlank() && password.isEmpty()) {
            return;
        }
        if (email.isBlank() || password.isEmpty()) {
            log.warn("Only one of MARKETPLACE_ADMIN_EMAIL and MARKETPLACE_ADMIN_PASSWORD is set: no admin account");
            return;
        }
        var id = ensureAdmin(email, password);
        log.info("Admin account {} is ready", id);
    }

    /** Creates or updates the admin account; returns its id. */
    UUID ensureAdmin(String rawEmail, String rawPassword) {
        var normalized = EmailAddress.normalize(rawEmail);
        if (!EmailAddress.isValid(normalized)) {
            throw new IllegalStateException("MARKETPLACE_ADMIN_EMAIL is not a valid email address");
        }
        PasswordPolicy.problemWith(rawPassword).ifPresent(problem -> {
            throw new IllegalStateException("MARKETPLACE_ADMIN_PASSWORD is not acceptable: " + problem);
        });
        for (int attempt = 1; ; attempt++) {
            try {
                var id = transactions.execute(status -> createOrUpdate(normalized, rawPassword));
                return Objects.requireNonNull(id);
            } catch (DataIntegrityViolationException | OptimisticLockingFailureException raced) {
                // Another node created or updated the account at the same moment: look again.
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
                log.debug("Admin account changed concurrently, trying again", raced);
            }
        }
    }

    private UUID createOrUpdate(String normalizedEmail, String rawPassword) {
        var now = clock.instant();
        var existing = users.findByEmail(normalizedEmail);
        if (existing.isPresent()) {
            var user = existing.get();
            if (!user.isAdmin()) {
                user.grantAdmin(now);
            }
            user.markEmailVerified(now);
            var hash = user.passwordHash();
            if (hash == null || !passwords.matches(rawPassword, hash)) {
                user.changePasswordHash(passwords.encode(rawPassword), now);
                refreshTokens.revokeAllFamilies(user.id(), null, "PASSWORD_CHANGED");
                log.info("The admin account's password was changed to the configured one");
            }
            if (user.isSuspended()) {
                log.warn("The configured admin account is suspended; it stays suspended until an admin reinstates it");
            }
            users.flush();
            return user.id();
        }
        var user =
                User.register(normalizedEmail, freeUsername(), "Marketplace Admin", passwords.encode(rawPassword), now);
        user.markEmailVerified(now);
        user.grantAdmin(now);
        users.saveAndFlush(user);
        events.publishEvent(new UserRegistered(user.id(), user.email(), user.username(), now));
        return user.id();
    }

    /** {@value #USERNAME}, or that with a suffix when a user already took it. */
    private String freeUsername() {
        var candidate = USERNAME;
        while (users.existsByUsername(candidate)) {
            candidate = USERNAME + "_" + UUID.randomUUID().toString().substring(0, 6);
        }
        if (UsernamePolicy.problemWith(candidate).isPresent()) {
            throw new IllegalStateException("The admin username " + candidate + " breaks the username policy");
        }
        return candidate;
    }
}
