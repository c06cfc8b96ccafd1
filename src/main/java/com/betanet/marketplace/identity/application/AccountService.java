package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.PasswordChanged;
import com.betanet.marketplace.identity.domain.AccountTokens;
import com.betanet.marketplace.identity.domain.EmailAddress;
import com.betanet.marketplace.identity.domain.PasswordPolicy;
import com.betanet.marketplace.identity.domain.TokenPurpose;
import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.identity.token.RefreshTokens;
import com.betanet.marketplace.shared.web.ApiException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account lifecycle around credentials and the email address: verification, password reset by mail, change of
 * password and of email. Mails are never sent from here: each use case publishes an event in its transaction and the
 * mail listener, after commit, makes the link and sends it. Password hashing (deliberately slow) happens outside
 * transactions, as in {@link AuthService}.
 */
@Service
public class AccountService {

    private final UserRepository users;
    private final AccountTokens tokens;
    private final RefreshTokens refreshTokens;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AccountService(
            UserRepository users,
            AccountTokens tokens,
            RefreshTokens refreshTokens,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Uses a link from a verification mail or an email-change mail. A change link switches the account to the new
     * address, which must still be free; the token is spent only if the whole change commits.
     */
    public void verifyEmail(String token) {
        try {
            transactions.executeWithoutResult(status -> {
                var redeemed = tokens.redeem(token, EnumSet.of(TokenPurpose.VERIFY_EMAIL, TokenPurpose.CHANGE_EMAIL))
                        .orElseThrow(AccountErrors::invalidVerificationToken);
                var user = users.findById(redeemed.userId()).orElseThrow(AccountErrors::invalidVerificationToken);
                var now = clock.instant();
                if (redeemed.purpose() == TokenPurpose.CHANGE_EMAIL) {
                    var newEmail = Objects.requireNonNull(redeemed.newEmail(), "a change token carries its address");
                    if (users.findByEmail(newEmail)
                            .filter(owner -> !owner.id().equals(user.id()))
                            .isPresent()) {
                        throw IdentityErrors.emailTaken();
                    }
                    user.changeEmail(newEmail, now);
                    users.saveAndFlush(user);
                    // Links mailed to the old address (reset, verification) or to other requested addresses must not
                    // act on the account any more.
                    tokens.revokeAll(user.id(), EnumSet.allOf(TokenPurpose.class));
                } else {
                    user.markEmailVerified(now);
                    tokens.revokeAll(user.id(), EnumSet.of(TokenPurpose.VERIFY_EMAIL));
                }
            });
        } catch (DataIntegrityViolationException raced) {
            // Another account took the address between our check and the update: the unique index decides.
            if (violates(raced, "users_email_uk")) {
                throw IdentityErrors.emailTaken();
            }
            throw raced;
        } catch (OptimisticLockingFailureException raced) {
            throw AccountErrors.concurrentUpdate();
        }
    }

    /** Mails a new verification link, unless the address is verified already (then nothing is sent). */
    public void resendVerification(UUID userId) {
        transactions.executeWithoutResult(status -> {
            var user = users.findById(userId).orElseThrow(IdentityErrors::userNotFound);
            if (user.email() != null && !user.emailVerified()) {
                events.publishEvent(new EmailVerificationRequested(user.id(), clock.instant()));
            }
        });
    }

    /**
     * Asks for a reset link. The request does the same work whether or not an account has this address (it only
     * records the request); the listener looks the address up after the response has gone.
     */
    public void requestPasswordReset(String rawEmail) {
        var email = EmailAddress.normalize(rawEmail);
        if (!EmailAddress.isValid(email)) {
            throw ApiException.validation("email", "Must be a valid email address");
        }
        transactions.executeWithoutResult(
                status -> events.publishEvent(new PasswordResetRequested(email, clock.instant())));
    }

    /**
     * Sets a new password with a mailed reset link. Every session of the account ends, every other link dies, and the
     * address counts as verified (the link reached it).
     */
    public void resetPassword(String token, String newPassword) {
        PasswordPolicy.problemWith(newPassword).ifPresent(problem -> {
            throw ApiException.validation("newPassword", problem);
        });
        var hash = passwords.encode(newPassword);
        try {
            transactions.executeWithoutResult(status -> {
                var redeemed = tokens.redeem(token, EnumSet.of(TokenPurpose.RESET_PASSWORD))
                        .orElseThrow(AccountErrors::invalidResetToken);
                var user = users.findById(redeemed.userId()).orElseThrow(AccountErrors::invalidResetToken);
                var now = clock.instant();
                user.changePasswordHash(hash, now);
                user.markEmailVerified(now);
                users.saveAndFlush(user);
                refreshTokens.revokeAllFamilies(user.id(), null, "PASSWORD_RESET");
                // Also pending email changes: the owner taking the account back must not lose it to a link that a
                // hijacker had sent to their own address.
                tokens.revokeAll(user.id(), EnumSet.allOf(TokenPurpose.class));
                events.publishEvent(new PasswordChanged(user.id(), true, now));
            });
        } catch (OptimisticLockingFailureException raced) {
            throw AccountErrors.concurrentUpdate();
        }
    }

    /** Changes the password of a signed-in user; every other session ends, the caller's own one stays. */
    public void changePassword(UUID userId, @Nullable UUID callerSession, String currentPassword, String newPassword) {
        PasswordPolicy.problemWith(newPassword).ifPresent(problem -> {
            throw ApiException.validation("newPassword", problem);
        });
        var verifiedHash = confirmPassword(loadUser(userId), currentPassword, "currentPassword");
        var hash = passwords.encode(newPassword);
        try {
            transactions.executeWithoutResult(status -> {
                var user = loadUser(userId);
                if (!verifiedHash.equals(user.passwordHash())) {
                    // Changed by a concurrent request since we checked it: the current password is no longer current.
                    throw AccountErrors.wrongPassword("currentPassword");
                }
                var now = clock.instant();
                user.changePasswordHash(hash, now);
                users.saveAndFlush(user);
                refreshTokens.revokeAllFamilies(userId, callerSession, "PASSWORD_CHANGED");
                tokens.revokeAll(userId, EnumSet.of(TokenPurpose.RESET_PASSWORD, TokenPurpose.CHANGE_EMAIL));
                events.publishEvent(new PasswordChanged(userId, false, now));
            });
        } catch (OptimisticLockingFailureException raced) {
            throw AccountErrors.concurrentUpdate();
        }
    }

    /**
     * Asks to move the account to another address, or to give an account without one (made through X, say) its first.
     * Nothing changes yet: a link goes to the new address, and the current one, if any, is told about the request.
     *
     * <p>An account with a password confirms it here. An account without one (made through a social login) has nothing
     * to type: its access token is the proof, as for every other change it makes, and {@code password} is ignored.
     */
    public void requestEmailChange(UUID userId, String rawNewEmail, @Nullable String password) {
        var newEmail = EmailAddress.normalize(rawNewEmail);
        if (!EmailAddress.isValid(newEmail)) {
            throw ApiException.validation("newEmail", "Must be a valid email address");
        }
        var user = loadUser(userId);
        if (newEmail.equals(user.email())) {
            throw ApiException.validation("newEmail", "Is already the account's address");
        }
        if (user.hasPassword()) {
            if (password == null) {
                throw ApiException.validation("password", "Is required for an account with a password");
            }
            confirmPassword(user, password, "password");
        }
        if (users.existsByEmail(newEmail)) {
            throw IdentityErrors.emailTaken();
        }
        transactions.executeWithoutResult(status ->
                events.publishEvent(new EmailChangeRequested(userId, user.email(), newEmail, clock.instant())));
    }

    /** Checks a password the caller typed again; returns the hash it matched. */
    private String confirmPassword(User user, String password, String field) {
        var hash = user.passwordHash();
        // An account made through a social login has no password until its owner sets one with a reset link.
        if (hash == null || !passwords.matches(password, hash)) {
            throw AccountErrors.wrongPassword(field);
        }
        return hash;
    }

    private User loadUser(UUID userId) {
        return users.findById(userId).orElseThrow(IdentityErrors::userNotFound);
    }

    static boolean violates(DataIntegrityViolationException exception, String constraint) {
        return String.valueOf(exception.getMostSpecificCause().getMessage()).contains(constraint);
    }
}
