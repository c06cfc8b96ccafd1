package com.betanet.marketplace.payments.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Daraja's documented callback bodies (STK, B2C result, queue timeout, transaction status) and broken ones. */
class DarajaCallbackParsingTests {

    static final String STK_SUCCESS = """
            {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925",
              "ResultCode":0,"ResultDesc":"The service request is processed successfully.",
              "CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},
                {"Name":"Balance"},{"Name":"TransactionDate","Value":20191219102115},
                {"Name":"PhoneNumber","Value":254708374149}]}}}}
            """;

    @Test
    void readsASuccessfulStkCallback() {
        var callback = StkCallback.parse(STK_SUCCESS);

        assertThat(callback.succeeded()).isTrue();
        assertThat(callback.merchantRequestId()).isEqualTo("29115-34620561-1");
        assertThat(callback.checkoutRequestId()).isEqualTo("ws_CO_191220191020363925");
        assertThat(callback.amountCents()).isEqualTo(100);
        assertThat(callback.receiptNumber()).isEqualTo("NLJ7RT61SV");
        assertThat(callback.phoneNumber()).isEqualTo("254708374149");
        // 10:21:15 in Nairobi (UTC+3)
        assertThat(callback.transactionTime()).isEqualTo(Instant.parse("2019-12-19T07:21:15Z"));
        assertThat(callback.failureReason()).isNull();
    }

    @Test
    void readsAnAmountWrittenAsAnInteger() {
        var callback = StkCallback.parse(STK_SUCCESS.replace("\"Value\":1.00", "\"Value\":1500"));

        assertThat(callback.amountCents()).isEqualTo(150_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {1032, 1037, 2001, 1, 1019, 1001})
    void readsFailedStkCallbacksWithoutMetadataAndSaysWhyInWords(int resultCode) {
        var callback = StkCallback.parse("""
                {"Body":{"stkCallback":{"MerchantRequestID":"8555-67195-1","CheckoutRequestID":"ws_CO_27072017151044001",
                  "ResultCode":%d,"ResultDesc":"[STK_CB - ]Request cancelled by user"}}}
                """.formatted(resultCode));

        assertThat(callback.succeeded()).isFalse();
        assertThat(callback.amountCents()).isNull();
        assertThat(callback.receiptNumber()).isNull();
        assertThat(callback.failureReason()).isNotBlank().doesNotContain("STK_CB");
    }

    @Test
    void namesTheCommonFailures() {
        assertThat(StkResultCodes.reason(1032, "x")).contains("cancelled");
        assertThat(StkResultCodes.reason(2001, "x")).contains("PIN");
        assertThat(StkResultCodes.reason(1, "x")).contains("balance");
        assertThat(StkResultCodes.reason(1037, "x")).contains("not answered");
        assertThat(StkResultCodes.reason(9999, "Something new")).isEqualTo("Something new");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "{}",
                "{\"Body\":{}}",
                "{\"Body\":{\"stkCallback\":[]}}",
                // no ResultCode
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\"}}}",
                // ResultCode not a number
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\",\"ResultCode\":\"x\"}}}",
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\",\"ResultCode\":{}}}}",
                // no CheckoutRequestID
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"ResultCode\":1032}}}",
                // success without metadata
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\",\"ResultCode\":0}}}",
                // amount not a number, fraction of a cent, item without a name, Item not a list
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\",\"ResultCode\":0,"
                        + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":true},"
                        + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"R\"}]}}}}",
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\",\"ResultCode\":0,"
                        + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":1.005},"
                        + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"R\"}]}}}}",
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\",\"ResultCode\":0,"
                        + "\"CallbackMetadata\":{\"Item\":[{\"Value\":1}]}}}}",
                "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\",\"ResultCode\":0,"
                        + "\"CallbackMetadata\":{\"Item\":\"Amount\"}}}}"
            })
    void rejectsMalformedStkCallbacksWithATypedException(String body) {
        assertThatThrownBy(() -> StkCallback.parse(body)).isInstanceOf(MpesaCallbackParseException.class);
    }

    static final String B2C_SUCCESS = """
            {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.",
              "OriginatorConversationID":"0196f2b4-7d1e-7c3a-9c55-1b2f3c4d5e6f","ConversationID":"AG_20191219_00005797af5d7d75f652",
              "TransactionID":"NLJ41HAY6Q",
              "ResultParameters":{"ResultParameter":[
                {"Key":"TransactionAmount","Value":10},{"Key":"TransactionReceipt","Value":"NLJ41HAY6Q"},
                {"Key":"B2CRecipientIsRegisteredCustomer","Value":"Y"},
                {"Key":"B2CChargesPaidAccountAvailableFunds","Value":-4510.00},
                {"Key":"ReceiverPartyPublicName","Value":"254708374149 - John Doe"},
                {"Key":"TransactionCompletedDateTime","Value":"19.12.2019 11:45:50"},
                {"Key":"B2CUtilityAccountAvailableFunds","Value":10116.00},
                {"Key":"B2CWorkingAccountAvailableFunds","Value":900000.00}]},
              "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL","Value":"https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}}}}
            """;

    @Test
    void readsASuccessfulB2cResult() {
        var result = B2cResult.parse(B2C_SUCCESS);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.originatorConversationId()).isEqualTo("0196f2b4-7d1e-7c3a-9c55-1b2f3c4d5e6f");
        assertThat(result.conversationId()).isEqualTo("AG_20191219_00005797af5d7d75f652");
        assertThat(result.amountCents()).isEqualTo(1_000);
        assertThat(result.receipt()).isEqualTo("NLJ41HAY6Q");
        assertThat(result.receiverName()).isEqualTo("254708374149 - John Doe");
    }

    @Test
    void readsAFailedB2cResult() {
        var result = B2cResult.parse("""
                {"Result":{"ResultType":0,"ResultCode":2001,"ResultDesc":"The initiator information is invalid.",
                  "OriginatorConversationID":"29112-34801843-1","ConversationID":"AG_20191219_00006c6fddb15123addf",
                  "TransactionID":"NLJ0000000",
                  "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL","Value":"https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}}}}
                """);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.resultCode()).isEqualTo("2001");
        assertThat(result.resultDesc()).isEqualTo("The initiator information is invalid.");
        assertThat(result.amountCents()).isNull();
        assertThat(result.receipt()).isNull();
    }

    @Test
    void readsAResultCodeThatIsNotANumber() {
        var result = B2cResult.parse(B2C_SUCCESS.replace("\"ResultCode\":0", "\"ResultCode\":\"SFC_IC0003\""));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.resultCode()).isEqualTo("SFC_IC0003");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"Result\":\"x\"}",
                "{\"Result\":{\"ResultCode\":0}}", // no OriginatorConversationID
                "{\"Result\":{\"OriginatorConversationID\":\"o\"}}", // no ResultCode
                "{\"Result\":{\"ResultCode\":0,\"OriginatorConversationID\":\"o\","
                        + "\"ResultParameters\":{\"ResultParameter\":[{\"Value\":1}]}}}",
                "{\"Result\":{\"ResultCode\":0,\"OriginatorConversationID\":\"o\","
                        + "\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"TransactionAmount\",\"Value\":\"ten\"},"
                        + "{\"Key\":\"Amount\",\"Value\":\"ten\"}]}}}"
            })
    void rejectsMalformedResults(String body) {
        assertThatThrownBy(() -> B2cResult.parse(body)).isInstanceOf(MpesaCallbackParseException.class);
        assertThatThrownBy(() -> TransactionStatusResult.parse(body)).isInstanceOf(MpesaCallbackParseException.class);
    }

    @Test
    void readsAQueueTimeoutWithOrWithoutTheResultWrapper() {
        var wrapped = DarajaQueueTimeout.parse("""
                {"Result":{"ResultType":1,"ResultCode":1,"ResultDesc":"The service request has timed out.",
                  "OriginatorConversationID":"payout-1","ConversationID":"AG_1"}}
                """);
        var bare = DarajaQueueTimeout.parse("{\"OriginatorConversationID\":\"payout-2\"}");

        assertThat(wrapped.originatorConversationId()).isEqualTo("payout-1");
        assertThat(wrapped.conversationId()).isEqualTo("AG_1");
        assertThat(wrapped.resultDesc()).isEqualTo("The service request has timed out.");
        assertThat(bare.originatorConversationId()).isEqualTo("payout-2");
        assertThatThrownBy(() -> DarajaQueueTimeout.parse("{\"Result\":{}}"))
                .isInstanceOf(MpesaCallbackParseException.class);
    }

    static final String TRANSACTION_STATUS = """
            {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request has been accepted successfully.",
              "OriginatorConversationID":"10816-694520-2","ConversationID":"AG_20170727_000059c52529a8e080bd",
              "TransactionID":"LGR0000000",
              "ResultParameters":{"ResultParameter":[
                {"Key":"ReceiptNo","Value":"LGR919G2AV"},{"Key":"Conversation ID","Value":"AG_20170727_00004492b1b6d0078fbe"},
                {"Key":"FinalisedTime","Value":20170727101415},{"Key":"Amount","Value":10},
                {"Key":"TransactionStatus","Value":"Completed"},{"Key":"ReasonType","Value":"Salary Payment via API"},
                {"Key":"TransactionReason"},{"Key":"DebitPartyCharges","Value":"Fee For B2C Payment|KES|33.00"},
                {"Key":"DebitAccountType","Value":"Utility Account"},{"Key":"InitiatedTime","Value":20170727101415},
                {"Key":"Originator Conversation ID","Value":"payout-0196f2b4"},
                {"Key":"CreditPartyName","Value":"254708374149 - John Doe"},{"Key":"DebitPartyName","Value":"600134 - Safaricom157"}]},
              "ReferenceData":{"ReferenceItem":{"Key":"Occasion","Value":"payout-0196f2b4"}}}}
            """;

    @Test
    void readsATransactionStatusResult() {
        var result = TransactionStatusResult.parse(TRANSACTION_STATUS);

        assertThat(result.outcome()).isEqualTo(TransactionStatusResult.Outcome.COMPLETED);
        assertThat(result.queryOriginatorConversationId()).isEqualTo("10816-694520-2");
        assertThat(result.originatorConversationId()).isEqualTo("payout-0196f2b4");
        assertThat(result.receipt()).isEqualTo("LGR919G2AV");
        assertThat(result.amountCents()).isEqualTo(1_000);
        assertThat(result.occasion()).isEqualTo("payout-0196f2b4");
    }

    @Test
    void aFailedStatusQueryProvesNothingAboutThePayout() {
        var queryFailed = TransactionStatusResult.parse("""
                {"Result":{"ResultType":0,"ResultCode":2001,"ResultDesc":"The initiator information is invalid.",
                  "OriginatorConversationID":"q-1","ConversationID":"AG_2"}}
                """);
        var payoutFailed = TransactionStatusResult.parse(TRANSACTION_STATUS.replace("\"Completed\"", "\"Failed\""));

        assertThat(queryFailed.outcome()).isEqualTo(TransactionStatusResult.Outcome.UNKNOWN);
        assertThat(payoutFailed.outcome()).isEqualTo(TransactionStatusResult.Outcome.FAILED);
    }
}
