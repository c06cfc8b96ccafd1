package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.UserRegistered;
import com.betanet.marketplace.identity.domain.EmailAddress;
import com.betanet.marketplace.identity.domain.PasswordPolicy;
import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.identity.domain.UsernamePolicy;
import com.betanet.marketplace.identity.token.AccessTokens;
import com.betanet.marketplace.identity.token.RefreshTokens;
import com.betanet.marketplace.shared.ratelimit.RateLimiter;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sign-up, sign-in and the session lifecycle (refresh with rotation, logout). */
@Service
public class AuthService {

    // Hash of a random password: login of an unknown email still pays one verification, so timing reveals nothing.
    private final String decoyHash;

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final UserViews views;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RateLimiter limiter;
    private final AuthRateLimits limits;

    AuthService(
            UserRepository users,
            PasswordEncoder passwords,
            AccessTokens accessTokens,
            RefreshTokens refreshTokens,
            UserViews views,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock,
            RateLimiter limiter,
            AuthRateLimits limits) {
        this.users = users;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.views = views;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.limiter = limiter;
        this.limits = limits;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    public AuthResponse register(RegisterCommand command) {
        var email = EmailAddress.normalize(command.email());
        var username = UsernamePolicy.normalize(command.username());
        var fullName = command.fullName().strip();
        var errors = new ArrayList<FieldError>();
        if (!EmailAddress.isValid(email)) {
            errors.add(new FieldError("email", "Must be a valid email address"));
        }
        UsernamePolicy.problemWith(username).ifPresent(problem -> errors.add(new FieldError("username", problem)));
        PasswordPolicy.problemWith(command.password())
                .ifPresent(problem -> errors.add(new FieldError("password", problem)));
        if (command.role() == Role.ADMIN) {
            errors.add(new FieldError("role", "Must be BUYER or SELLER"));
        }
        var shopName = command.shopName() == null ? null : command.shopName().strip();
        if (command.role() == Role.SELLER && (shopName == null || shopName.isEmpty())) {
            errors.add(new FieldError("shopName", "Is required for a seller"));
        }
        ProfileRules.checkFullName(fullName).ifPresent(errors::add);
        if (shopName != null) {
            ProfileRules.checkShopName(shopName).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        var passwordHash = passwords.encode(command.password());
        try {
            return transactions.execute(status -> {
                if (users.existsByEmail(email)) {
                    throw IdentityErrors.emailTaken();
                }
                if (users.existsByUsername(username)) {
                    throw IdentityErrors.usernameTaken();
                }
                var now = clock.instant();
                var user = User.register(email, username, fullName, passwordHash, now);
                if (command.role() == Role.SELLER && shopName != null) {
                    user.becomeSeller(shopName, now);
                }
                users.saveAndFlush(user);
                events.publishEvent(new UserRegistered(user.id(), user.email(), user.username(), now));
                return startSession(user);
            });
        } catch (DataIntegrityViolationException raced) {
            // Lost a race with a concurrent registration: the unique indexes decide, we only name the loser's reason.
            throw uniqueViolation(raced);
        }
    }

    /**
     * Signs in with email and password from {@code clientAddress}. Failed attempts are counted per (email, address)
     * ({@link AuthRateLimits#loginFailures()}); once they are used up, that address gets 429 for that email, even with
     * the right password, while the owner can still sign in from anywhere else. Successful logins count nothing.
     */
    public AuthResponse login(String rawEmail, String password, String clientAddress) {
        var email = EmailAddress.normalize(rawEmail);
        var failures = AuthRateLimits.loginFailureKey(email, clientAddress);
        limiter.check(limits.loginFailures(), failures).orThrow();
        var user = users.findByEmail(email).orElse(null);
        var hash = user == null || user.passwordHash() == null ? decoyHash : user.passwordHash();
        boolean matches = passwords.matches(password, hash);
        if (user == null || user.passwordHash() == null || !matches) {
            limiter.tryAcquire(limits.loginFailures(), failures);
            throw IdentityErrors.invalidCredentials();
        }
        if (user.isSuspended()) {
            throw IdentityErrors.accountSuspended();
        }
        if (passwords.upgradeEncoding(hash)) {
            transactions.executeWithoutResult(status -> users.findById(user.id())
                    .ifPresent(fresh -> fresh.changePasswordHash(passwords.encode(password), clock.instant())));
        }
        return transactions.execute(status -> startSession(user));
    }

    /** Spends the refresh token and issues a new pair; a replayed token ends its whole family. */
    public AuthResponse refresh(String refreshToken) {
        // The revocation on reuse must commit, so the outcome is decided inside and thrown outside the transaction.
        var outcome = transactions.execute(status -> {
            var rotation = refreshTokens.rotate(refreshToken);
            if (rotation instanceof RefreshTokens.Rotation.Rotated rotated) {
                var user = users.findById(rotated.userId()).orElseThrow(IdentityErrors::invalidRefreshToken);
                if (user.isSuspended()) {
                    status.setRollbackOnly();
                    return (Object) IdentityErrors.accountSuspended();
                }
                return AuthResponse.bearer(
                        views.of(user),
                        accessTokens.issue(user.id(), user.roles(), rotated.familyId()),
                        rotated.refreshToken(),
                        accessTokens.ttlSeconds());
            }
            // Suspension revoked every family of the user: say why the token stopped working rather than 401.
            var owner = rotation instanceof RefreshTokens.Rotation.Reused reused
                    ? Optional.of(reused.userId())
                    : refreshTokens.ownerOf(refreshToken);
            if (owner.flatMap(users::findById).filter(User::isSuspended).isPresent()) {
                return IdentityErrors.accountSuspended();
            }
            return rotation instanceof RefreshTokens.Rotation.Reused
                    ? IdentityErrors.refreshTokenReused()
                    : IdentityErrors.invalidRefreshToken();
        });
        if (outcome instanceof AuthResponse response) {
            return response;
        }
        throw (ApiException) outcome;
    }

    /** Ends the sign-in the refresh token belongs to, when it is the caller's. */
    public void logout(UUID userId, String refreshToken) {
        transactions.executeWithoutResult(status -> refreshTokens
                .familyOf(refreshToken, userId)
                .ifPresent(family -> refreshTokens.revokeFamily(family, "LOGOUT")));
    }

    /** A new sign-in for a user: a fresh refresh-token family and an access token bound to it. */
    public AuthResponse startSession(User user) {
        var issued = refreshTokens.startFamily(user.id());
        return AuthResponse.bearer(
                views.of(user),
                accessTokens.issue(user.id(), user.roles(), issued.familyId()),
                issued.refreshToken(),
                accessTokens.ttlSeconds());
    }

    private static ApiException uniqueViolation(DataIntegrityViolationException exception) {
        var message = String.valueOf(exception.getMostSpecificCause().getMessage());
        if (message.contains("users_username_uk")) {
            return IdentityErrors.usernameTaken();
        }
        if (message.contains("users_email_uk")) {
            return IdentityErrors.emailTaken();
        }
        throw exception;
    }
}
