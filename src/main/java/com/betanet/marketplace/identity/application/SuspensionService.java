package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.UserReinstated;
import com.betanet.marketplace.identity.UserSuspended;
import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.identity.token.RefreshTokens;
import com.betanet.marketplace.shared.web.ApiException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Suspending and reinstating accounts (admins only; the web layer checks the role). A suspension ends every session
 * at once: all refresh-token families are revoked, login and refresh answer 403 {@code account_suspended}, and
 * access tokens already out are refused within {@link AccountStatusCheck#TTL} on every node (at once on this one).
 */
@Service
public class SuspensionService {

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final AccountStatusCheck statusCheck;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SuspensionService(
            UserRepository users,
            RefreshTokens refreshTokens,
            AccountStatusCheck statusCheck,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.statusCheck = statusCheck;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Suspends {@code userId}; suspending a suspended account changes nothing. */
    public void suspend(UUID adminId, UUID userId) {
        if (adminId.equals(userId)) {
            // An admin locking themselves out (perhaps the only admin) is always a mistake.
            throw cannotSuspendSelf();
        }
        transactions.executeWithoutResult(status -> {
            var user = users.findById(userId).orElseThrow(IdentityErrors::userNotFound);
            if (user.isSuspended()) {
                return;
            }
            var now = clock.instant();
            user.suspend(now);
            refreshTokens.revokeAllFamilies(userId, null, "SUSPENDED");
            events.publishEvent(new UserSuspended(userId, now));
        });
        // After the commit, so no request can cache the pre-suspension state again.
        statusCheck.forget(userId);
    }

    /** Lifts the suspension of {@code userId}; its ended sessions stay ended (the user signs in again). */
    public void reinstate(UUID userId) {
        transactions.executeWithoutResult(status -> {
            var user = users.findById(userId).orElseThrow(IdentityErrors::userNotFound);
            if (!user.isSuspended()) {
                return;
            }
            var now = clock.instant();
            user.reinstate(now);
            events.publishEvent(new UserReinstated(userId, now));
        });
        statusCheck.forget(userId);
    }

    /** 409 {@code cannot_suspend_self}: an admin tried to suspend their own account. */
    static ApiException cannotSuspendSelf() {
        return ApiException.conflict("cannot_suspend_self", "You cannot suspend your own account");
    }
}
