package com.betanet.marketplace.support;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real SMTP server (GreenMail) per test JVM, started before the first application context and shared by every
 * context, which it points at itself ({@code spring.mail.host/port}). Tests find their mails by recipient: every test
 * registers accounts with unique addresses, so nothing needs to be cleared between tests.
 */
public final class TestMailServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final GreenMail SERVER = start();

    private static GreenMail start() {
        var server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "greenmail-stop"));
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + SERVER.getSmtp().getPort())
                .applyTo(context);
    }

    /** A mail as the tests look at it. */
    public record Mail(String to, String from, String subject, String body) {

        /** The token of the first front-end link with this path, e.g. {@code /reset-password}. */
        public String token(String path) {
            var matcher = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)")
                    .matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("No " + path + " link in the mail to " + to + ":\n" + body);
            }
            return matcher.group(1);
        }
    }

    /** Every mail delivered to this address so far, oldest first. */
    public static List<Mail> mailsTo(String address) {
        return Arrays.stream(SERVER.getReceivedMessages())
                .filter(message -> isFor(message, address))
                .map(message -> read(message, address))
                .toList();
    }

    /** Waits until the address has received {@code count} mails whose subject contains the text; returns the last. */
    public static Mail awaitMail(String address, String subjectContains, int count) {
        var mails = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> withSubject(address, subjectContains), list -> list.size() >= count);
        return mails.get(count - 1);
    }

    public static Mail awaitMail(String address, String subjectContains) {
        return awaitMail(address, subjectContains, 1);
    }

    public static List<Mail> withSubject(String address, String subjectContains) {
        return mailsTo(address).stream()
                .filter(mail -> mail.subject().contains(subjectContains))
                .toList();
    }

    private static boolean isFor(MimeMessage message, String address) {
        try {
            var recipients = message.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients)
                            .map(Address::toString)
                            .anyMatch(recipient -> recipient.equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mail read(MimeMessage message, String address) {
        try {
            // The decoded text, not the raw body: a quoted-printable body would show '=' in links as "=3D".
            var body = message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message);
            return new Mail(address, message.getFrom()[0].toString(), message.getSubject(), body);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
