package com.betanet.marketplace.identity.oauth;

import com.betanet.marketplace.identity.UserRegistered;
import com.betanet.marketplace.identity.application.AuthResponse;
import com.betanet.marketplace.identity.application.AuthService;
import com.betanet.marketplace.identity.application.IdentityErrors;
import com.betanet.marketplace.identity.domain.EmailAddress;
import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.media.ProcessedImage;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs a verified provider identity in, for the token exchange and the browser flow alike:
 *
 * <ol>
 *   <li>an identity seen before signs in to its account;
 *   <li>else a provider-verified email that an account has links the identity to it, but only when that account's
 *       own address is verified too (else 409 {@code email_unverified_account_exists}: whoever registered the address
 *       without confirming it must not gain a way in, nor lose the account to a look-alike; the address's owner takes
 *       it over with a password reset);
 *   <li>else a new BUYER account: username and name from the provider, its picture imported as the avatar, and the
 *       email only when the provider vouches for it (then verified). An address the provider does not vouch for is
 *       neither linked nor taken: the account has no email, and its owner adds one with a mailed link.
 * </ol>
 *
 * Suspended accounts are refused (403 {@code account_suspended}). Two first sign-ins of one person at once, or a
 * username or address taken meanwhile, break a unique key; the loser starts over and finds what the winner made.
 */
@Service
public class OAuthSignInService {

    private static final Logger log = LoggerFactory.getLogger(OAuthSignInService.class);
    private static final int ATTEMPTS = 3;

    private final ProviderTokens tokens;
    private final OAuthIdentities identities;
    private final UserRepository users;
    private final AuthService auth;
    private final MediaService media;
    private final AvatarImporter avatars;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OAuthSignInService(
            ProviderTokens tokens,
            OAuthIdentities identities,
            UserRepository users,
            AuthService auth,
            MediaService media,
            AvatarImporter avatars,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.tokens = tokens;
        this.identities = identities;
        this.users = users;
        this.auth = auth;
        this.media = media;
        this.avatars = avatars;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** {@code POST /auth/oauth/{provider}}: verifies the provider's token, then {@link #signIn}. */
    public AuthResponse signInWithToken(String providerId, String token) {
        return signIn(tokens.verify(providerId, token));
    }

    public AuthResponse signIn(ProviderIdentity identity) {
        var email = verifiedEmail(identity);
        // The picture (network, decoding) is fetched before the transaction, and only for someone who is new here.
        boolean probablyNew =
                identities.userOf(identity.provider(), identity.subject()).isEmpty()
                        && (email == null || !users.existsByEmail(email));
        var picture = probablyNew ? avatars.fetch(identity.pictureUrl()) : null;
        for (int attempt = 1; ; attempt++) {
            try {
                return Objects.requireNonNull(transactions.execute(status -> signInOnce(identity, email, picture)));
            } catch (DataIntegrityViolationException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
                log.debug(
                        "A concurrent sign-in through {} won a unique key; trying again",
                        identity.provider().id(),
                        raced);
            }
        }
    }

    private AuthResponse signInOnce(
            ProviderIdentity identity, @Nullable String email, @Nullable ProcessedImage picture) {
        var now = clock.instant();
        var linked = identities.userOf(identity.provider(), identity.subject());
        if (linked.isPresent()) {
            var user = users.findById(linked.get()).orElseThrow(IdentityErrors::userNotFound);
            refuseSuspended(user);
            identities.markUsed(identity.provider(), identity.subject(), now);
            return auth.startSession(user);
        }
        if (email != null) {
            var owner = users.findByEmail(email);
            if (owner.isPresent()) {
                return link(owner.get(), identity, now);
            }
        }
        return register(identity, email, picture, now);
    }

    private AuthResponse link(User user, ProviderIdentity identity, Instant now) {
        if (!user.emailVerified()) {
            throw OAuthErrors.emailUnverifiedAccountExists();
        }
        refuseSuspended(user);
        if (identities
                .userOf(identity.provider(), identity.subject())
                .filter(user.id()::equals)
                .isPresent()) {
            // a concurrent first sign-in with this very identity linked it between our two reads: it is ours
            identities.markUsed(identity.provider(), identity.subject(), now);
            return auth.startSession(user);
        }
        if (identities.hasProvider(user.id(), identity.provider())) {
            throw OAuthErrors.providerAlreadyLinked(identity.provider());
        }
        identities.link(user.id(), identity, providerEmail(identity), now);
        log.info(
                "User {} linked a {} identity by its verified email",
                user.id(),
                identity.provider().id());
        return auth.startSession(user);
    }

    private AuthResponse register(
            ProviderIdentity identity, @Nullable String email, @Nullable ProcessedImage picture, Instant now) {
        var user = User.register(email, freeUsername(identity), ProviderNames.fullName(identity), null, now);
        if (email != null) {
            user.markEmailVerified(now);
        }
        if (picture != null) {
            var stored = media.store(picture); // removed again if this transaction rolls back
            user.changeAvatar(stored.key(), stored.thumbnailKey(), now);
        }
        users.saveAndFlush(user);
        identities.link(user.id(), identity, providerEmail(identity), now);
        events.publishEvent(new UserRegistered(user.id(), user.email(), user.username(), now));
        log.info("User {} signed up through {}", user.id(), identity.provider().id());
        return auth.startSession(user);
    }

    private String freeUsername(ProviderIdentity identity) {
        var random = ThreadLocalRandom.current();
        for (var candidate : ProviderNames.usernameCandidates(ProviderNames.usernameBase(identity), random)) {
            if (!users.existsByUsername(candidate)) {
                return candidate;
            }
        }
        // Every candidate taken (a very common name): a random one cannot be, for practical purposes.
        var bytes = new byte[6];
        random.nextBytes(bytes);
        return ProviderNames.FALLBACK_USERNAME + "_" + HexFormat.of().formatHex(bytes);
    }

    private static void refuseSuspended(User user) {
        if (user.isSuspended()) {
            throw IdentityErrors.accountSuspended();
        }
    }

    /** The provider's address, normalised, when the provider vouches for it and it is an address at all. */
    private static @Nullable String verifiedEmail(ProviderIdentity identity) {
        return identity.emailVerified() ? providerEmail(identity) : null;
    }

    private static @Nullable String providerEmail(ProviderIdentity identity) {
        var email = identity.email();
        return email != null && EmailAddress.isValid(email) ? EmailAddress.normalize(email) : null;
    }
}
