package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.provider.Provider;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox of every document a provider sends us (payment callbacks and events, payout and refund results), keyed by
 * provider and the document's own id: recorded in the transaction that applies it, so a duplicate delivery finds its
 * row and changes nothing.
 */
@Component
public class PaymentInbox {

    private final JdbcClient jdbc;

    PaymentInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a provider document; false when it was recorded before (a duplicate delivery). */
    public boolean receive(Provider provider, String externalId, String payloadJson, Instant at) {
        return jdbc.sql("""
                                insert into payment_inbox (provider, external_id, payload, received_at)
                                values (?, ?, ?::jsonb, ?) on conflict do nothing""")
                        .params(provider.name(), externalId, payloadJson, Timestamp.from(at))
                        .update()
                == 1;
    }

    /** Notes what applying the document did (for admins reading the inbox). */
    public void processed(Provider provider, String externalId, String outcome, Instant at) {
        jdbc.sql("update payment_inbox set processed_at = ?, outcome = ? where provider = ? and external_id = ?")
                .params(Timestamp.from(at), outcome, provider.name(), externalId)
                .update();
    }
}
