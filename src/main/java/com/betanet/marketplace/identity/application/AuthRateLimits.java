package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.EmailAddress;
import com.betanet.marketplace.shared.ratelimit.ClientAddresses;
import com.betanet.marketplace.shared.ratelimit.RateLimit;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sign-in limits (README, settings):
 *
 * <ul>
 *   <li>{@code marketplace.rate-limit.auth-per-ip} ({@code MARKETPLACE_RATE_LIMIT_AUTH_PER_IP}, default 30):
 *       requests per client address per minute, shared by register, login, refresh, email verification, password
 *       forgot/reset and OAuth sign-in;
 *   <li>{@code marketplace.rate-limit.login-failures} ({@code MARKETPLACE_RATE_LIMIT_LOGIN_FAILURES}, default 10):
 *       failed logins per account <em>and</em> client address per 15 minutes, after which that address gets 429 for
 *       that account even with the right password. Counting per pair means a stranger who hammers an account from
 *       their own address locks only themselves out.
 * </ul>
 *
 * Zero or less switches a limit off.
 */
@Component
public class AuthRateLimits {

    private final RateLimit perAddress;
    private final RateLimit loginFailures;

    AuthRateLimits(
            @Value("${marketplace.rate-limit.auth-per-ip:30}") long authPerIp,
            @Value("${marketplace.rate-limit.login-failures:10}") long loginFailures) {
        this.perAddress = RateLimit.of("auth-ip", authPerIp, Duration.ofMinutes(1));
        this.loginFailures = RateLimit.of("login-failures", loginFailures, Duration.ofMinutes(15));
    }

    /** Sign-in requests per client address. */
    public RateLimit perAddress() {
        return perAddress;
    }

    /** Failed logins per (account email, client address). */
    public RateLimit loginFailures() {
        return loginFailures;
    }

    /** The key of the failed-login count of {@code email} from {@code clientAddress}. */
    static String loginFailureKey(String email, String clientAddress) {
        return EmailAddress.normalize(email) + "|" + ClientAddresses.key(clientAddress);
    }
}
