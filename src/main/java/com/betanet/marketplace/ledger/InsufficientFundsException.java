package com.betanet.marketplace.ledger;

import com.betanet.marketplace.shared.web.ApiException;
import org.springframework.http.HttpStatus;

/** A transfer would take a wallet or escrow below zero: 409 {@code insufficient_funds}. Nothing was written. */
public class InsufficientFundsException extends ApiException {

    public InsufficientFundsException(AccountKey account) {
        super(
                HttpStatus.CONFLICT,
                "insufficient_funds",
                "Not enough funds on " + account.type().name().toLowerCase());
    }
}
