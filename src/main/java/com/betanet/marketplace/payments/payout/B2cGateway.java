package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.payments.provider.Provider;

/**
 * A provider that pays money to a phone (M-Pesa B2C through Daraja, or the simulator). Its calls are made outside
 * any database transaction. Answers to an accepted request come back asynchronously, as Daraja's result, queue
 * timeout and transaction status documents, through {@link PayoutCallbacks}.
 */
public interface B2cGateway {

    Provider provider();

    /** Asks the provider to pay {@code payout.amount()} to {@code payout.phoneNumber()}. */
    SendResult send(Payout payout);

    /** Called once an accepted payout's state is committed (its result can now be applied). */
    default void accepted(Payout payout) {}

    /**
     * Asks the provider how a sent payout ended; the answer comes back as a transaction status result. Throws a
     * provider exception when the question could not be asked (the status job asks again later).
     */
    void askStatus(Payout payout);

    sealed interface SendResult {
        /** The provider took the request; its result comes by callback. */
        record Accepted(String conversationId) implements SendResult {}

        /** The provider definitely did not take it (bad number, bad credentials): the payout fails now. */
        record Refused(String reason) implements SendResult {}

        /** The request surely never reached the provider: it may be sent again later. */
        record Unavailable(String reason) implements SendResult {}

        /** No definite answer: the provider may have taken it. Never sent again; a status query settles it. */
        record Unknown(String reason) implements SendResult {}
    }
}
