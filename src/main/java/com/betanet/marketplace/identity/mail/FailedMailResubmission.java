package com.betanet.marketplace.identity.mail;

import com.betanet.marketplace.identity.PasswordChanged;
import com.betanet.marketplace.identity.UserRegistered;
import com.betanet.marketplace.identity.application.EmailChangeRequested;
import com.betanet.marketplace.identity.application.EmailVerificationRequested;
import com.betanet.marketplace.identity.application.PasswordResetRequested;
import com.betanet.marketplace.shared.FailedPublications;
import java.time.Duration;
import java.util.List;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries account mails whose sending failed (SMTP down, say): their event publications stay in the registry as
 * failed, and are handed to the listeners again here, a minute or more later. Resubmission claims each publication
 * with a conditional update, so several nodes running this do not send a mail twice. The filter is by event type, so
 * a failed {@code UserRegistered} publication of another module's listener is retried too, which it wants as well.
 */
@Component
class FailedMailResubmission {

    private static final List<Class<?>> MAIL_EVENTS = List.of(
            UserRegistered.class,
            EmailVerificationRequested.class,
            PasswordResetRequested.class,
            EmailChangeRequested.class,
            PasswordChanged.class);

    private final FailedPublications failed;

    FailedMailResubmission(FailedEventPublications failed) {
        this.failed = new FailedPublications(failed, Duration.ofMinutes(1), MAIL_EVENTS);
    }

    @Scheduled(
            initialDelayString = "${marketplace.mail.retry-every:PT1M}",
            fixedDelayString = "${marketplace.mail.retry-every:PT1M}")
    void resubmitFailedMails() {
        failed.resubmit();
    }
}
