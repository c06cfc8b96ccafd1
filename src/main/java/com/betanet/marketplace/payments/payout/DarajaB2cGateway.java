package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.payments.mpesa.DarajaClient;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import com.betanet.marketplace.payments.provider.ProviderUnavailableException;
import org.springframework.stereotype.Component;

/**
 * Payouts through Daraja: a {@code BusinessPayment} B2C request whose OriginatorConversationID is the payout's, and
 * Transaction Status queries by that id. Used only when B2C is configured ({@link B2cGateways}).
 */
@Component
class DarajaB2cGateway implements B2cGateway {

    private final DarajaClient daraja;
    private final B2cCallbackUrls urls;

    DarajaB2cGateway(DarajaClient daraja, B2cCallbackUrls urls) {
        this.daraja = daraja;
        this.urls = urls;
    }

    @Override
    public Provider provider() {
        return Provider.MPESA;
    }

    @Override
    public SendResult send(Payout payout) {
        try {
            var accepted = daraja.b2c(
                    payout.originatorConversationId(),
                    payout.phoneNumber(),
                    payout.wholeShillings(),
                    "Betanet wallet payout",
                    payout.id().toString(),
                    urls.result(),
                    urls.timeout());
            return new SendResult.Accepted(accepted.conversationId());
        } catch (ProviderRefusedException refused) {
            return new SendResult.Refused(refused.getMessage());
        } catch (ProviderUnavailableException unavailable) {
            // caught before its superclass: the request surely never reached Daraja
            return new SendResult.Unavailable(unavailable.getMessage());
        } catch (ProviderOutcomeUnknownException unknown) {
            return new SendResult.Unknown(unknown.getMessage());
        }
    }

    @Override
    public void askStatus(Payout payout) {
        daraja.transactionStatusByOriginatorConversationId(
                payout.originatorConversationId(),
                payout.originatorConversationId(),
                urls.statusResult(),
                urls.statusTimeout());
    }
}
