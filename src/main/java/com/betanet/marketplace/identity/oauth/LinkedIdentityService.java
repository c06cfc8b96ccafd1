package com.betanet.marketplace.identity.oauth;

import com.betanet.marketplace.identity.application.IdentityErrors;
import com.betanet.marketplace.identity.domain.User;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The provider identities a user has linked: listing them, and unlinking one unless it is the last way in. */
@Service
public class LinkedIdentityService {

    private final OAuthIdentities identities;
    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;

    LinkedIdentityService(
            OAuthIdentities identities, EntityManager entityManager, PlatformTransactionManager transactionManager) {
        this.identities = identities;
        this.entityManager = entityManager;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
    }

    /**
     * One linked identity as its owner sees it.
     *
     * @param email the address the provider reported when it was linked, if any
     */
    public record LinkedIdentity(String provider, @Nullable String email, Instant linkedAt, Instant lastUsedAt) {}

    public List<LinkedIdentity> of(UUID userId) {
        return reads.execute(status -> identities.ofUser(userId).stream()
                .map(linked -> new LinkedIdentity(
                        linked.provider().id(), linked.email(), linked.linkedAt(), linked.lastUsedAt()))
                .toList());
    }

    /**
     * Unlinks the user's identity at {@code providerId} (404 when there is none). An account without a password keeps
     * its last identity (409 {@code last_sign_in_method}); the user row is locked meanwhile, so two unlinks at once
     * cannot each leave the other's identity as the last and remove both.
     */
    public void unlink(UUID userId, String providerId) {
        var provider = OAuthProvider.byId(providerId).orElseThrow(OAuthErrors::identityNotFound);
        transactions.executeWithoutResult(status -> {
            var user = entityManager.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
            if (user == null) {
                throw IdentityErrors.userNotFound();
            }
            var linked = identities.ofUser(userId);
            if (linked.stream().noneMatch(identity -> identity.provider() == provider)) {
                throw OAuthErrors.identityNotFound();
            }
            if (!user.hasPassword() && linked.size() == 1) {
                throw OAuthErrors.lastSignInMethod();
            }
            identities.unlink(userId, provider);
        });
    }
}
