/**
 * Safaricom Daraja (M-Pesa) on the wire: {@link com.betanet.marketplace.payments.mpesa.DarajaClient} for OAuth, STK
 * push and its query, B2C payouts and transaction status queries; parsers for the callbacks Daraja posts back
 * ({@link com.betanet.marketplace.payments.mpesa.StkCallback}, {@link com.betanet.marketplace.payments.mpesa.DarajaResult});
 * {@link com.betanet.marketplace.payments.mpesa.MpesaPhoneNumbers} for the MSISDNs Daraja expects. No payment state
 * lives here.
 */
@NullMarked
package com.betanet.marketplace.payments.mpesa;

import org.jspecify.annotations.NullMarked;
