package com.betanet.marketplace.identity.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text mails over SMTP ({@code MARKETPLACE_SMTP_HOST}/{@code _PORT}); with no host configured the mail
 * is written to the log instead, links included, so a developer can follow them without a mail server. A failure to
 * send is thrown, so the outbox keeps the event and the mail is retried.
 */
@Component
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final @Nullable JavaMailSender sender;
    private final InternetAddress from;

    MailDelivery(
            ObjectProvider<JavaMailSender> sender,
            @Value("${spring.mail.host:}") String host,
            @Value("${marketplace.mail.from}") String from) {
        // Boot creates a sender even for an empty host; an empty host means "no mail server", not "localhost".
        this.sender = host.isBlank() ? null : sender.getIfAvailable();
        this.from = parse(from);
        if (this.sender == null) {
            log.info("No SMTP host configured (MARKETPLACE_SMTP_HOST): account mails are logged, not sent");
        }
    }

    void send(String to, String subject, String text) {
        if (sender == null) {
            log.info("Mail not sent (no SMTP host) to {}: {}\n{}", to, subject, text);
            return;
        }
        var message = sender.createMimeMessage();
        try {
            var helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text);
            // Tells mail servers and vacation responders that no one should answer this message automatically.
            message.setHeader("Auto-Submitted", "auto-generated");
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not prepare the mail to " + to, e);
        }
        sender.send(message);
    }

    private static InternetAddress parse(String from) {
        try {
            return new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException("MARKETPLACE_MAIL_FROM is not a valid address: " + from, e);
        }
    }
}
