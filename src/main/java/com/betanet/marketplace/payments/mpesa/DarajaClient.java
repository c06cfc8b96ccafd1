package com.betanet.marketplace.payments.mpesa;

import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import com.betanet.marketplace.payments.provider.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Safaricom's Daraja API: OAuth, STK push (M-Pesa Express) and its query, B2C payments and transaction status queries.
 *
 * <p>Every failure is one of two kinds. A {@link ProviderRefusedException}: Daraja answered and did not do it (a 4xx
 * with Daraja's {@code {requestId, errorCode, errorMessage}}, or a non-zero {@code ResponseCode}). A
 * {@link ProviderOutcomeUnknownException}: no definite answer (timeout, 5xx, a body we cannot read), so the caller
 * reconciles with a query or waits for the callback instead of sending the request again; its subclass
 * {@link ProviderUnavailableException} says the request surely never reached Daraja.
 *
 * <p>The access token is cached until a minute before it expires and shared by all threads; a 401 (token revoked
 * early) fetches a new one and sends the request once more.
 */
public class DarajaClient {

    static final String PROVIDER = "mpesa";

    private static final Logger log = LoggerFactory.getLogger(DarajaClient.class);
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Duration TOKEN_REFRESH_MARGIN = Duration.ofSeconds(60);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_ACCOUNT_REFERENCE = 12;
    private static final int MAX_TRANSACTION_DESC = 13;
    private static final int MAX_REMARKS = 100;
    // Daraja's catch-all code: on a query it means "still being processed"; on a push, that no prompt was sent
    // ("Unable to lock subscriber", "Merchant does not exist", wrong credentials).
    private static final String STILL_PROCESSING_OR_NOT_SENT = "500.001.1001";

    private final MpesaProperties properties;
    private final RestClient http;
    private final Clock clock;
    private final ReentrantLock tokenLock = new ReentrantLock();
    private volatile @Nullable AccessToken token;

    public DarajaClient(MpesaProperties properties, RestClient.Builder restClientBuilder, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        var jdkClient = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var requestFactory = new JdkClientHttpRequestFactory(jdkClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        this.http = restClientBuilder
                .baseUrl(properties.baseUrl())
                .requestFactory(requestFactory)
                .build();
    }

    /**
     * Sends an STK push: the phone {@code phoneNumber} gets a prompt to pay {@code wholeShillings} to the shortcode.
     *
     * @param phoneNumber as {@link MpesaPhoneNumbers#normalise} returns it ({@code 2547XXXXXXXX})
     * @param accountReference shown to the payer with the business name; at most 12 characters
     * @param description at most 13 characters are sent (Daraja's limit); longer text is cut
     * @param callbackUrl where Daraja posts the {@link StkCallback}
     */
    public StkPushAccepted stkPush(
            String phoneNumber, long wholeShillings, String accountReference, String description, String callbackUrl) {
        requireStkConfigured();
        if (wholeShillings < 1) {
            throw new IllegalArgumentException("M-Pesa amounts are at least 1 shilling, got " + wholeShillings);
        }
        if (accountReference.isBlank() || accountReference.length() > MAX_ACCOUNT_REFERENCE) {
            throw new IllegalArgumentException("AccountReference must be 1-12 characters: " + accountReference);
        }
        var msisdn = msisdn(phoneNumber);
        var shortcode = number(properties.shortcode(), "MARKETPLACE_MPESA_SHORTCODE");
        var timestamp = timestamp();
        var body = new LinkedHashMap<String, Object>();
        body.put("BusinessShortCode", shortcode);
        body.put("Password", stkPassword(timestamp));
        body.put("Timestamp", timestamp);
        body.put("TransactionType", "CustomerPayBillOnline");
        body.put("Amount", wholeShillings);
        body.put("PartyA", msisdn);
        body.put("PartyB", shortcode);
        body.put("PhoneNumber", msisdn);
        body.put("CallBackURL", callbackUrl);
        body.put("AccountReference", accountReference);
        body.put("TransactionDesc", cut(description.isBlank() ? accountReference : description, MAX_TRANSACTION_DESC));

        var answer = post("/mpesa/stkpush/v1/processrequest", body);
        if (answer.status() >= 500 && STILL_PROCESSING_OR_NOT_SENT.equals(errorCode(answer.body()))) {
            throw refused(answer.body());
        }
        var accepted = accepted(answer, "STK push");
        return new StkPushAccepted(
                required(accepted, "MerchantRequestID", "STK push"),
                required(accepted, "CheckoutRequestID", "STK push"),
                required(accepted, "ResponseCode", "STK push"),
                textOr(accepted.path("CustomerMessage"), ""));
    }

    /** Asks Daraja how the STK push {@code checkoutRequestId} ended, for payments whose callback did not come. */
    public StkQueryResult stkQuery(String checkoutRequestId) {
        requireStkConfigured();
        var timestamp = timestamp();
        var body = new LinkedHashMap<String, Object>();
        body.put("BusinessShortCode", number(properties.shortcode(), "MARKETPLACE_MPESA_SHORTCODE"));
        body.put("Password", stkPassword(timestamp));
        body.put("Timestamp", timestamp);
        body.put("CheckoutRequestID", checkoutRequestId);

        var answer = post("/mpesa/stkpushquery/v1/query", body);
        if (STILL_PROCESSING_OR_NOT_SENT.equals(errorCode(answer.body()))) {
            return new StkQueryResult(
                    StkQueryResult.Status.PENDING, null, textOr(answer.body().path("errorMessage"), "processing"));
        }
        var result = accepted(answer, "STK query");
        Integer resultCode;
        try {
            resultCode = DarajaJson.integer(result, "ResultCode", "STK query");
        } catch (MpesaCallbackParseException unreadable) {
            throw unknown("STK query answered an unreadable ResultCode", unreadable);
        }
        var resultDesc = textOr(result.path("ResultDesc"), "");
        if (resultCode == null || resultCode == StkResultCodes.STILL_PROCESSING) {
            return new StkQueryResult(StkQueryResult.Status.PENDING, resultCode, resultDesc);
        }
        var status =
                resultCode == StkResultCodes.SUCCESS ? StkQueryResult.Status.SUCCEEDED : StkQueryResult.Status.FAILED;
        return new StkQueryResult(status, resultCode, resultDesc);
    }

    /**
     * Pays {@code wholeShillings} from the B2C shortcode to {@code phoneNumber} ({@code BusinessPayment}). The result
     * arrives at {@code resultUrl} ({@link B2cResult}) or, if it waited too long in Daraja's queue, at
     * {@code timeoutUrl} ({@link DarajaQueueTimeout}).
     *
     * @param originatorConversationId our unique id for this payment, echoed in the result (e.g. the payout id)
     */
    public DarajaRequestAccepted b2c(
            String originatorConversationId,
            String phoneNumber,
            long wholeShillings,
            String remarks,
            String occasion,
            String resultUrl,
            String timeoutUrl) {
        requireB2cConfigured();
        if (wholeShillings < 1) {
            throw new IllegalArgumentException("M-Pesa amounts are at least 1 shilling, got " + wholeShillings);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("OriginatorConversationID", originatorConversationId);
        body.put("InitiatorName", properties.b2cInitiatorName());
        body.put("SecurityCredential", properties.b2cSecurityCredential());
        body.put("CommandID", "BusinessPayment");
        body.put("Amount", wholeShillings);
        body.put("PartyA", number(properties.b2cShortcode(), "MARKETPLACE_MPESA_B2C_SHORTCODE"));
        body.put("PartyB", msisdn(phoneNumber));
        body.put("Remarks", cut(remarks.isBlank() ? "Payout" : remarks, MAX_REMARKS));
        body.put("QueueTimeOutURL", timeoutUrl);
        body.put("ResultURL", resultUrl);
        body.put("Occasion", cut(occasion, MAX_REMARKS));
        return asyncAccepted(post("/mpesa/b2c/v3/paymentrequest", body), "B2C payment", originatorConversationId);
    }

    /**
     * Asks for the status of a B2C payment by its M-Pesa transaction id (receipt). The answer comes as a
     * {@link TransactionStatusResult} to {@code resultUrl}; {@code occasion} is echoed there to correlate it.
     */
    public DarajaRequestAccepted transactionStatusByTransactionId(
            String transactionId, String occasion, String resultUrl, String timeoutUrl) {
        return transactionStatus("TransactionID", transactionId, occasion, resultUrl, timeoutUrl);
    }

    /**
     * Asks for the status of a B2C payment by the OriginatorConversationID it was sent with, for a payout whose result
     * never came (so no transaction id is known).
     */
    public DarajaRequestAccepted transactionStatusByOriginatorConversationId(
            String originatorConversationId, String occasion, String resultUrl, String timeoutUrl) {
        return transactionStatus("OriginalConversationID", originatorConversationId, occasion, resultUrl, timeoutUrl);
    }

    private DarajaRequestAccepted transactionStatus(
            String idField, String id, String occasion, String resultUrl, String timeoutUrl) {
        requireB2cConfigured();
        var body = new LinkedHashMap<String, Object>();
        body.put("Initiator", properties.b2cInitiatorName());
        body.put("SecurityCredential", properties.b2cSecurityCredential());
        body.put("CommandID", "TransactionStatusQuery");
        body.put(idField, id);
        body.put("PartyA", number(properties.b2cShortcode(), "MARKETPLACE_MPESA_B2C_SHORTCODE"));
        body.put("IdentifierType", 4); // 4: an organisation shortcode
        body.put("ResultURL", resultUrl);
        body.put("QueueTimeOutURL", timeoutUrl);
        body.put("Remarks", "Payout status check");
        body.put("Occasion", cut(occasion, MAX_REMARKS));
        return asyncAccepted(post("/mpesa/transactionstatus/v1/query", body), "transaction status query", null);
    }

    /** base64(Shortcode + Passkey + Timestamp), as Daraja defines the STK password. */
    String stkPassword(String timestamp) {
        var raw = properties.shortcode() + properties.passkey() + timestamp;
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Now in Nairobi, {@code yyyyMMddHHmmss}: Daraja checks the STK timestamp against its own (East Africa) clock. */
    String timestamp() {
        return LocalDateTime.ofInstant(clock.instant(), NAIROBI).format(TIMESTAMP);
    }

    // --- access token ---------------------------------------------------------------------------------------------

    private record AccessToken(String value, Instant refreshAfter) {}

    private String accessToken() {
        var current = token;
        if (current != null && clock.instant().isBefore(current.refreshAfter())) {
            return current.value();
        }
        tokenLock.lock();
        try {
            current = token;
            if (current == null || !clock.instant().isBefore(current.refreshAfter())) {
                current = fetchToken();
                token = current;
            }
            return current.value();
        } finally {
            tokenLock.unlock();
        }
    }

    private void forget(String rejected) {
        tokenLock.lock();
        try {
            var current = token;
            if (current != null && current.value().equals(rejected)) {
                token = null;
            }
        } finally {
            tokenLock.unlock();
        }
    }

    private AccessToken fetchToken() {
        Answer answer;
        try {
            answer = http.get()
                    .uri("/oauth/v1/generate?grant_type=client_credentials")
                    .headers(headers -> headers.setBasicAuth(properties.consumerKey(), properties.consumerSecret()))
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) ->
                            new Answer(response.getStatusCode().value(), read(response.getBody())));
        } catch (ResourceAccessException unreachable) {
            throw new ProviderUnavailableException(PROVIDER, "no access token: " + cause(unreachable), unreachable);
        }
        if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
            // Wrong consumer key or secret: an operator must fix the configuration.
            log.error("Daraja refused the consumer key and secret ({}): {}", answer.status(), errorCode(answer.body()));
            throw refused(answer.body());
        }
        var value = DarajaJson.text(answer.body().path("access_token"));
        var expiresIn = DarajaJson.text(answer.body().path("expires_in"));
        if (answer.status() != 200 || value == null || expiresIn == null || !expiresIn.matches("\\d{1,9}")) {
            throw new ProviderUnavailableException(
                    PROVIDER, "no access token: OAuth answered " + answer.status(), null);
        }
        var lifetime = Duration.ofSeconds(Long.parseLong(expiresIn));
        return new AccessToken(value, clock.instant().plus(lifetime).minus(TOKEN_REFRESH_MARGIN));
    }

    // --- requests and answers -------------------------------------------------------------------------------------

    /** Daraja's status and body (an empty object when the body was empty or not JSON). */
    private record Answer(int status, JsonNode body, boolean json) {

        Answer(int status, @Nullable JsonNode body) {
            this(
                    status,
                    body == null || !body.isObject() ? DarajaJson.MAPPER.createObjectNode() : body,
                    body != null && body.isObject());
        }
    }

    private Answer post(String path, Map<String, Object> body) {
        var payload = DarajaJson.MAPPER.writeValueAsString(body);
        var bearer = accessToken();
        var answer = send(path, payload, bearer);
        if (answer.status() == 401) {
            // Daraja's gateway rejected the token before the request went further: a fresh one may be sent again.
            forget(bearer);
            answer = send(path, payload, accessToken());
        }
        return answer;
    }

    private Answer send(String path, String payload, String bearer) {
        try {
            return http.post()
                    .uri(path)
                    .headers(headers -> headers.setBearerAuth(bearer))
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(payload)
                    .exchange((request, response) ->
                            new Answer(response.getStatusCode().value(), read(response.getBody())));
        } catch (ResourceAccessException failure) {
            var root = NestedExceptionUtils.getMostSpecificCause(failure);
            if (root instanceof ConnectException || root instanceof HttpConnectTimeoutException) {
                throw new ProviderUnavailableException(PROVIDER, path + ": " + cause(failure), failure);
            }
            throw unknown(path + ": " + cause(failure), failure);
        }
    }

    /** The body of a 2xx answer whose ResponseCode (when given) is 0; otherwise the refusal or the uncertainty. */
    private JsonNode accepted(Answer answer, String operation) {
        var status = answer.status();
        if (status >= 200 && status < 300) {
            if (!answer.json()) {
                throw unknown(operation + " answered " + status + " without a JSON body", null);
            }
            var responseCode = DarajaJson.text(answer.body().path("ResponseCode"));
            if (responseCode != null && !"0".equals(responseCode)) {
                throw new ProviderRefusedException(
                        PROVIDER, responseCode, textOr(answer.body().path("ResponseDescription"), operation));
            }
            return answer.body();
        }
        if (status == 429) {
            throw new ProviderUnavailableException(PROVIDER, operation + " was rate limited (429)", null);
        }
        if (status >= 400 && status < 500 && status != 408) {
            log.warn("Daraja refused {}: {} {}", operation, status, errorCode(answer.body()));
            throw refused(answer.body());
        }
        log.warn("Daraja gave no definite answer to {}: {} {}", operation, status, errorCode(answer.body()));
        throw unknown(operation + " answered " + status + describe(answer.body()), null);
    }

    private DarajaRequestAccepted asyncAccepted(
            Answer answer, String operation, @Nullable String sentOriginatorConversationId) {
        var accepted = accepted(answer, operation);
        var originator = DarajaJson.text(accepted.path("OriginatorConversationID"));
        if (originator == null) {
            originator = sentOriginatorConversationId;
        }
        return new DarajaRequestAccepted(
                originator == null ? required(accepted, "OriginatorConversationID", operation) : originator,
                required(accepted, "ConversationID", operation),
                textOr(accepted.path("ResponseDescription"), ""));
    }

    private static @Nullable JsonNode read(InputStream body) throws IOException {
        var bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length == 0 || bytes.length > MAX_BODY_BYTES) {
            return null;
        }
        try {
            return DarajaJson.MAPPER.readTree(bytes);
        } catch (JacksonException notJson) {
            return null; // e.g. an HTML error page from a proxy: classified by its status
        }
    }

    private static @Nullable String errorCode(JsonNode body) {
        return DarajaJson.text(body.path("errorCode"));
    }

    private static ProviderRefusedException refused(JsonNode body) {
        return new ProviderRefusedException(
                PROVIDER, errorCode(body), textOr(body.path("errorMessage"), "request refused"));
    }

    private static ProviderOutcomeUnknownException unknown(String message, @Nullable Throwable cause) {
        return new ProviderOutcomeUnknownException(PROVIDER, message, cause);
    }

    private static String describe(JsonNode body) {
        var code = errorCode(body);
        return code == null ? "" : " (" + code + " " + textOr(body.path("errorMessage"), "") + ")";
    }

    private static String cause(ResourceAccessException failure) {
        // Not the exception's own message: it is enough to know what failed, and the URL adds nothing.
        return NestedExceptionUtils.getMostSpecificCause(failure).toString();
    }

    private String required(JsonNode answer, String field, String operation) {
        var value = DarajaJson.text(answer.path(field));
        if (value == null) {
            throw unknown(operation + " was accepted without " + field, null);
        }
        return value;
    }

    private static String textOr(JsonNode node, String fallback) {
        var value = DarajaJson.text(node);
        return value == null ? fallback : value;
    }

    private static long msisdn(String phoneNumber) {
        return Long.parseLong(MpesaPhoneNumbers.normalise(phoneNumber));
    }

    private static long number(String configured, String variable) {
        if (!configured.matches("\\d{1,12}")) {
            throw new IllegalStateException(variable + " must be the shortcode's digits");
        }
        return Long.parseLong(configured);
    }

    private static String cut(String text, int max) {
        var stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max);
    }

    private void requireStkConfigured() {
        if (!properties.configured()) {
            throw new IllegalStateException("M-Pesa STK push is not configured (MARKETPLACE_MPESA_CONSUMER_KEY, "
                    + "_CONSUMER_SECRET, _SHORTCODE, _PASSKEY)");
        }
    }

    private void requireB2cConfigured() {
        if (!properties.b2cConfigured()) {
            throw new IllegalStateException("M-Pesa B2C is not configured (MARKETPLACE_MPESA_B2C_INITIATOR_NAME, "
                    + "_B2C_SECURITY_CREDENTIAL, _B2C_SHORTCODE and the consumer key and secret)");
        }
    }
}
