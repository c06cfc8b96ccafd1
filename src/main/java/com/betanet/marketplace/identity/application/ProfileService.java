package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.PhoneNumber;
import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.identity.domain.UsernamePolicy;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.FieldError;
import com.betanet.marketplace.shared.web.PatchDocument;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The signed-in user's own profile: reading, editing, turning on selling; and other people's public profiles. */
@Service
public class ProfileService {

    /** What {@code PATCH /users/me} may change; anything else (roles, email, id…) is refused. */
    public static final Set<String> EDITABLE_FIELDS = Set.of("fullName", "username", "bio", "phoneNumber", "shopName");

    private final UserRepository users;
    private final UserViews views;
    private final AuthService auth;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final Clock clock;

    ProfileService(
            UserRepository users,
            UserViews views,
            AuthService auth,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.users = users;
        this.views = views;
        this.auth = auth;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
    }

    public UserView me(UUID userId) {
        return reads.execute(status -> views.of(load(userId)));
    }

    /**
     * Applies a merge patch to the caller's profile. Every field is checked before anything is written, and all
     * problems are reported together; a username someone else holds is 409, also when a concurrent edit takes it
     * between our check and the write (the unique index decides).
     */
    public UserView edit(UUID userId, PatchDocument patch) {
        var fullName = patch.requiredText("fullName").map(String::strip);
        var username = patch.requiredText("username").map(UsernamePolicy::normalize);
        var bio = patch.optionalText("bio").map(ProfileService::blankAsCleared);
        var phone = patch.optionalText("phoneNumber").map(ProfileService::blankAsCleared);
        var shopName = patch.optionalText("shopName").map(ProfileService::blankAsCleared);

        fullName.flatMap(ProfileRules::checkFullName).ifPresent(error -> reject(patch, error));
        username.flatMap(UsernamePolicy::problemWith).ifPresent(problem -> patch.reject("username", problem));
        bio.flatMap(value -> value).flatMap(ProfileRules::checkBio).ifPresent(error -> reject(patch, error));
        shopName.flatMap(value -> value).flatMap(ProfileRules::checkShopName).ifPresent(error -> reject(patch, error));
        var phoneNumber = phone.map(value -> value.flatMap(raw -> {
            var normalized = PhoneNumber.normalize(raw);
            if (normalized.isEmpty()) {
                patch.reject(
                        "phoneNumber",
                        "Must be a phone number with its country code (+…) or a Kenyan number (07…, 01…, 254…)");
            }
            return normalized;
        }));
        patch.validate();

        try {
            return transactions.execute(status -> {
                var user = load(userId);
                var now = clock.instant();
                var newShopName = merged(shopName, user.shopName());
                if (user.isSeller() && newShopName == null) {
                    throw ApiException.validation("shopName", "Is required for a seller");
                }
                if (username.isPresent() && !username.get().equals(user.username())) {
                    if (users.existsByUsername(username.get())) {
                        throw IdentityErrors.usernameTaken();
                    }
                    user.rename(username.get(), now);
                }
                user.updateProfile(
                        fullName.orElse(user.fullName()),
                        merged(bio, user.bio()),
                        merged(phoneNumber, user.phoneNumber()),
                        newShopName,
                        now);
                users.saveAndFlush(user);
                return views.of(user);
            });
        } catch (DataIntegrityViolationException raced) {
            if (AccountService.violates(raced, "users_username_uk")) {
                throw IdentityErrors.usernameTaken();
            }
            throw raced;
        } catch (OptimisticLockingFailureException raced) {
            throw AccountErrors.concurrentUpdate();
        }
    }

    /**
     * Turns on selling and starts a new session whose access token carries SELLER. Calling it again as a seller
     * changes nothing (the shop name is edited with PATCH) and still answers with fresh tokens, so a client that lost
     * the first answer can simply retry.
     */
    public AuthResponse becomeSeller(UUID userId, String rawShopName) {
        var shopName = rawShopName.strip();
        ProfileRules.checkShopName(shopName).ifPresent(error -> {
            throw ApiException.validation(List.of(error));
        });
        try {
            return transactions.execute(status -> {
                var user = load(userId);
                if (user.isSuspended()) {
                    throw IdentityErrors.accountSuspended();
                }
                if (!user.isSeller()) {
                    user.becomeSeller(shopName, clock.instant());
                    users.saveAndFlush(user);
                }
                return auth.startSession(user);
            });
        } catch (OptimisticLockingFailureException raced) {
            throw AccountErrors.concurrentUpdate();
        }
    }

    /** Anyone's public profile by username; unknown and suspended accounts are both 404. */
    public PublicProfile publicProfile(String username) {
        var normalized = UsernamePolicy.normalize(username);
        return reads.execute(status -> users.findByUsername(normalized)
                .filter(user -> !user.isSuspended())
                .map(user -> PublicProfile.of(user, views.mediaUrl(user.avatarKey())))
                .orElseThrow(IdentityErrors::userNotFound));
    }

    private User load(UUID userId) {
        return users.findById(userId).orElseThrow(IdentityErrors::userNotFound);
    }

    private static void reject(PatchDocument patch, FieldError error) {
        patch.reject(error.field(), error.message());
    }

    /** A blank optional field clears it, as {@code null} does: an emptied form field means "none". */
    private static Optional<String> blankAsCleared(Optional<String> value) {
        return value.map(String::strip).filter(text -> !text.isEmpty());
    }

    /** The patched value: unchanged when the field was absent, else the new value or {@code null} when cleared. */
    private static @Nullable String merged(Optional<Optional<String>> change, @Nullable String current) {
        return change.isPresent() ? change.get().orElse(null) : current;
    }
}
