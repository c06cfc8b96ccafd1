package com.betanet.marketplace.identity.mail;

import com.betanet.marketplace.identity.PasswordChanged;
import com.betanet.marketplace.identity.UserRegistered;
import com.betanet.marketplace.identity.application.EmailChangeRequested;
import com.betanet.marketplace.identity.application.EmailVerificationRequested;
import com.betanet.marketplace.identity.application.PasswordResetRequested;
import com.betanet.marketplace.identity.domain.AccountTokens;
import com.betanet.marketplace.identity.domain.TokenPurpose;
import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.identity.domain.UserRepository;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns account events into mails. Each listener runs after the publishing transaction committed, in its own
 * transaction: it creates the one-time token (only its hash is stored) and sends the mail. If sending fails the
 * transaction rolls back, so no token exists for a mail nobody got, and the event publication stays incomplete
 * for {@link FailedMailResubmission} to retry.
 */
@Component
class AccountMailListener {

    private static final Logger log = LoggerFactory.getLogger(AccountMailListener.class);

    // However many requests arrive (from however many IPs), an inbox gets at most this many links of a kind an hour.
    static final int MAX_LINKS_PER_HOUR = 5;

    private final UserRepository users;
    private final AccountTokens tokens;
    private final MailDelivery mail;
    private final Clock clock;
    private final String frontendUrl;

    AccountMailListener(
            UserRepository users,
            AccountTokens tokens,
            MailDelivery mail,
            Clock clock,
            @Value("${marketplace.frontend-url}") String frontendUrl) {
        this.users = users;
        this.tokens = tokens;
        this.mail = mail;
        this.clock = clock;
        this.frontendUrl = frontendUrl;
    }

    @ApplicationModuleListener
    void onRegistered(UserRegistered event) {
        users.findById(event.userId()).ifPresent(this::sendVerification);
    }

    @ApplicationModuleListener
    void onVerificationRequested(EmailVerificationRequested event) {
        users.findById(event.userId()).ifPresent(this::sendVerification);
    }

    @ApplicationModuleListener
    void onPasswordResetRequested(PasswordResetRequested event) {
        var user = users.findByEmail(event.email()).orElse(null);
        if (user == null || user.isSuspended() || capReached(user, TokenPurpose.RESET_PASSWORD)) {
            return; // the requester was told 202 either way; an unknown address simply gets nothing
        }
        var token = tokens.issue(user.id(), TokenPurpose.RESET_PASSWORD, null);
        mail.send(event.email(), "Reset your Betanet Marketplace password", """
                Hello %s,

                someone (we hope you) asked to reset the password of your Betanet Marketplace account.
                Choose a new password here:

                %s

                The link works once and expires in %s. Using it signs you out on every device.
                If you did not ask for this, ignore this mail: your password stays as it is.
                """.formatted(
                user.fullName(), link("/reset-password", token), describe(TokenPurpose.RESET_PASSWORD.validity())));
    }

    @ApplicationModuleListener
    void onEmailChangeRequested(EmailChangeRequested event) {
        var user = users.findById(event.userId()).orElse(null);
        if (user == null || event.newEmail().equals(user.email()) || capReached(user, TokenPurpose.CHANGE_EMAIL)) {
            return;
        }
        if (users.existsByEmail(event.newEmail())) {
            log.info("Email change of user {} not mailed: the new address was taken meanwhile", user.id());
            return;
        }
        var token = tokens.issue(user.id(), TokenPurpose.CHANGE_EMAIL, event.newEmail());
        mail.send(event.newEmail(), "Confirm your new email address", """
                Hello %s,

                please confirm that this address should become the email of your Betanet Marketplace account:

                %s

                The link works once and expires in %s. Until you use it, your account keeps its current address.
                If you did not ask for this, ignore this mail.
                """.formatted(
                        user.fullName(), link("/verify-email", token), describe(TokenPurpose.CHANGE_EMAIL.validity())));
    }

    /**
     * Tells the current address about a requested move, so a hijacked session cannot move the account quietly. An
     * account that has no address yet (made through X, say) has nobody to tell.
     */
    @ApplicationModuleListener
    void noticeEmailChangeToCurrentAddress(EmailChangeRequested event) {
        var currentEmail = event.currentEmail();
        var user = users.findById(event.userId()).orElse(null);
        if (currentEmail == null || user == null || !currentEmail.equals(user.email())) {
            return;
        }
        mail.send(currentEmail, "Your email address is about to change", """
                Hello %s,

                someone signed in to your Betanet Marketplace account asked to change its email address to
                %s. The change happens only when the link sent to that address is used.

                If this was not you, reset your password now (%s): that cancels the change and signs out
                every device.
                """.formatted(
                        user.fullName(), event.newEmail(), frontendUrl));
    }

    @ApplicationModuleListener
    void onPasswordChanged(PasswordChanged event) {
        var user = users.findById(event.userId()).orElse(null);
        var email = user == null ? null : user.email();
        if (user == null || email == null) {
            return;
        }
        mail.send(email, "Your password was changed", """
                        Hello %s,

                        the password of your Betanet Marketplace account was %s, and other devices were signed out.
                        If this was not you, reset your password now: %s
                        """.formatted(
                        user.fullName(), event.byReset() ? "reset with a link we mailed you" : "changed", frontendUrl));
    }

    private void sendVerification(User user) {
        var email = user.email();
        // An account without an address (made through X, say) gets its first one confirmed by the email-change link.
        if (email == null || user.emailVerified() || capReached(user, TokenPurpose.VERIFY_EMAIL)) {
            return;
        }
        var token = tokens.issue(user.id(), TokenPurpose.VERIFY_EMAIL, null);
        mail.send(email, "Confirm your email address", """
                Hello %s,

                welcome to Betanet Marketplace. Please confirm your email address:

                %s

                The link works once and expires in %s. If you did not create an account, ignore this mail.
                """.formatted(
                        user.fullName(), link("/verify-email", token), describe(TokenPurpose.VERIFY_EMAIL.validity())));
    }

    private boolean capReached(User user, TokenPurpose purpose) {
        var recent = tokens.issuedSince(user.id(), purpose, clock.instant().minus(Duration.ofHours(1)));
        if (recent >= MAX_LINKS_PER_HOUR) {
            log.warn("Not mailing another {} link to user {}: {} sent in the last hour", purpose, user.id(), recent);
            return true;
        }
        return false;
    }

    private String link(String path, String token) {
        return UriComponentsBuilder.fromUriString(frontendUrl)
                .path(path)
                .queryParam("token", token)
                .build()
                .toUriString();
    }

    private static String describe(Duration validity) {
        return validity.toHours() == 1 ? "1 hour" : validity.toHours() + " hours";
    }
}
