package com.betanet.marketplace.shared.idempotency;

import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.Problems;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an endpoint's work at most once per (user, {@code Idempotency-Key}).
 *
 * <ol>
 *   <li>The key is claimed with one statement that inserts it under a transaction-scoped advisory lock on (user,
 *       key): of concurrent requests with one key, exactly one gets the lock and proceeds; the others get 409
 *       {@code idempotency_request_in_progress} at once instead of waiting for it.
 *   <li>{@link #execute}: the claim, the work and the stored response are one transaction, so they commit together
 *       (one commit per request): a crash or a failure in between leaves nothing done and no claim behind.
 *   <li>Later requests with the key replay the stored status and body (same body) or get 422
 *       {@code idempotency_key_reused} (different body or endpoint).
 * </ol>
 *
 * Work that ends in a client error (4xx) is an outcome too, as API.md says: it changed nothing (its transaction rolled
 * back), and the refusal is stored and replayed like a success, so a retry with the key gets the same answer and a new
 * attempt takes a new key. Only a server error (5xx) leaves no record: the work may be tried again with the key.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration LOCK = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final JsonMapper canonicalJson;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IdempotentRequests(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.canonicalJson = json.rebuild()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Does {@code work} once for this user and key, or replays what it answered the first time.
     *
     * @param scope the endpoint, e.g. {@code "POST /checkouts"}: a key reused on another endpoint is refused
     * @param request the parsed request body (a record or a map); two requests are the same when it serialises to
     *     the same JSON, whatever the order of the fields the client sent
     */
    public ResponseEntity<?> execute(
            UUID userId, @Nullable String key, String scope, Object request, Supplier<ResponseEntity<?>> work) {
        var validKey = validate(key);
        var hash = hash(scope, request);
        try {
            return Objects.requireNonNull(transactions.execute(status -> {
                if (claim(userId, validKey, scope, hash) instanceof Claim.Replay replay) {
                    return replay.response();
                }
                ResponseEntity<?> outcome;
                try {
                    outcome = work.get();
                } catch (ApiException refused) {
                    throw new WorkRefused(refused); // rolls back the work, and the claim with it
                }
                if (!outcome.getStatusCode().is2xxSuccessful()) {
                    throw new WorkRefused(outcome);
                }
                return stored(userId, validKey, outcome);
            }));
        } catch (WorkRefused refused) {
            if (refused.response.getStatusCode().is4xxClientError()) {
                recordRefusal(userId, validKey, scope, hash, refused.response);
            }
            if (refused.exception != null) {
                throw refused.exception;
            }
            return refused.response;
        }
    }

    /**
     * The work's refusal is the key's outcome: claimed and stored afresh, since the work's transaction rolled back with
     * the first claim, unless a concurrent retry with the key holds it by now (then its outcome is the one kept).
     */
    private void recordRefusal(UUID userId, String key, String scope, byte[] hash, ResponseEntity<?> refusal) {
        transactions.executeWithoutResult(status -> {
            try {
                if (claim(userId, key, scope, hash) instanceof Claim.Claimed) {
                    complete(userId, key, refusal);
                }
            } catch (ApiException heldByAnotherRequest) {
                // in progress elsewhere: nothing to record here
            }
        });
    }

    /** The problem as Spring MVC completes it when it sends it: with the request's path as its {@code instance}. */
    private static ResponseEntity<?> asSent(ResponseEntity<ProblemDetail> refusal) {
        var problem = refusal.getBody();
        if (problem != null
                && problem.getInstance() == null
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            problem.setInstance(URI.create(request.getRequest().getRequestURI()));
        }
        return refusal;
    }

    /**
     * The work did not succeed: carried out of the transaction, which it rolls back, with the response to store (a
     * refusal) and what the caller gets, the work's own exception or response.
     */
    private static final class WorkRefused extends RuntimeException {
        private final ResponseEntity<?> response;
        private final @Nullable ApiException exception;

        WorkRefused(ApiException exception) {
            super(exception.getMessage(), exception, false, false);
            this.response = asSent(Problems.response(exception));
            this.exception = exception;
        }

        WorkRefused(ResponseEntity<?> response) {
            super(null, null, false, false);
            this.response = response;
            this.exception = null;
        }
    }

    /** Stores a success and answers with exactly the bytes stored. */
    private ResponseEntity<?> stored(UUID userId, String validKey, ResponseEntity<?> response) {
        // the bytes just stored are the body sent: the response is serialised once, not twice
        var body = complete(userId, validKey, response);
        return body.length == 0 || response.getBody() instanceof byte[]
                ? response
                : ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body);
    }

    /**
     * Like {@link #execute}, for work that runs its own transactions around a slow remote call (a payment provider):
     * no database connection is held while it runs. The response is stored afterwards in a transaction of its own,
     * so if the node dies in between, the key's lock expires and a retry runs the work again: such work must refuse
     * to repeat itself on its own (a second payment attempt is refused while the first is pending).
     */
    public ResponseEntity<?> executeOutsideTransaction(
            UUID userId, @Nullable String key, String scope, Object request, Supplier<ResponseEntity<?>> work) {
        return once(userId, key, scope, request, validKey -> {
            ResponseEntity<?> response;
            try {
                response = work.get();
            } catch (ApiException refused) {
                if (refused.status().is4xxClientError()) {
                    var problem = asSent(Problems.response(refused));
                    transactions.executeWithoutResult(status -> complete(userId, validKey, problem));
                }
                throw refused; // a 5xx releases the key (below); a stored refusal is no longer released
            }
            if (response.getStatusCode().is2xxSuccessful()
                    || response.getStatusCode().is4xxClientError()) {
                transactions.executeWithoutResult(status -> complete(userId, validKey, response));
            } else {
                release(userId, validKey);
            }
            return response;
        });
    }

    private ResponseEntity<?> once(
            UUID userId,
            @Nullable String key,
            String scope,
            Object request,
            Function<String, @Nullable ResponseEntity<?>> claimedWork) {
        var validKey = validate(key);
        var hash = hash(scope, request);
        // the claim commits on its own: the work runs outside any transaction
        var claim = transactions.execute(status -> claim(userId, validKey, scope, hash));
        if (claim instanceof Claim.Replay replay) {
            return replay.response();
        }
        try {
            return Objects.requireNonNull(claimedWork.apply(validKey));
        } catch (RuntimeException failure) {
            release(userId, validKey);
            throw failure;
        }
    }

    private sealed interface Claim {
        record Claimed() implements Claim {}

        record Replay(ResponseEntity<?> response) implements Claim {}
    }

    /**
     * Claims the key in the caller's transaction, or says what to answer instead. The advisory lock (held until that
     * transaction ends) decides between concurrent requests without waiting for the winner's uncommitted row; the
     * upsert takes over a key whose retention has run out.
     */
    private Claim claim(UUID userId, String key, String scope, byte[] hash) {
        var now = clock.instant();
        int inserted = jdbc.sql("""
                        insert into idempotency_keys
                            (user_id, idempotency_key, scope, request_hash, status, locked_until, created_at, expires_at)
                        select ?::uuid, ?, ?, ?::bytea, 'IN_PROGRESS', ?::timestamptz, ?::timestamptz, ?::timestamptz
                         where pg_try_advisory_xact_lock(hashtextextended(?, 0))
                        on conflict (user_id, idempotency_key) do update
                           set scope = excluded.scope, request_hash = excluded.request_hash, status = excluded.status,
                               response_status = null, response_body = null, locked_until = excluded.locked_until,
                               created_at = excluded.created_at, expires_at = excluded.expires_at
                         where idempotency_keys.expires_at <= excluded.created_at
                        """)
                .params(
                        userId,
                        key,
                        scope,
                        hash,
                        Timestamp.from(now.plus(LOCK)),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(RETENTION)),
                        "idempotency " + userId + " " + key)
                .update();
        if (inserted == 1) {
            return new Claim.Claimed();
        }
        // not claimed: a live stored key, or (none visible) another request holding the lock with its uncommitted claim
        var existing = find(userId, key, now).orElseThrow(IdempotentRequests::inProgress);
        if (!existing.scope().equals(scope) || !Arrays.equals(existing.requestHash(), hash)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used with a different request");
        }
        if ("COMPLETED".equals(existing.status())) {
            var status = existing.responseStatus() == null ? 200 : existing.responseStatus();
            var body = existing.responseBody();
            return new Claim.Replay(
                    body == null || body.length == 0
                            ? ResponseEntity.status(status)
                                    .header("Idempotent-Replayed", "true")
                                    .build()
                            : ResponseEntity.status(status)
                                    .header("Idempotent-Replayed", "true")
                                    .contentType(
                                            status >= 400
                                                    ? MediaType.APPLICATION_PROBLEM_JSON
                                                    : MediaType.APPLICATION_JSON)
                                    .body(body));
        }
        // In progress: take it over only when its holder has evidently died (the lock expired).
        int taken = jdbc.sql("""
                        update idempotency_keys set locked_until = ?
                         where user_id = ? and idempotency_key = ? and status = 'IN_PROGRESS' and locked_until < ?
                        """)
                .params(Timestamp.from(now.plus(LOCK)), userId, key, Timestamp.from(now))
                .update();
        if (taken == 1) {
            return new Claim.Claimed();
        }
        throw inProgress();
    }

    /** Stores the response as the key's outcome; returns the stored body. */
    private byte[] complete(UUID userId, String key, ResponseEntity<?> response) {
        var body = response.getBody();
        byte[] bytes = body == null ? new byte[0] : body instanceof byte[] raw ? raw : json.writeValueAsBytes(body);
        jdbc.sql("""
                        update idempotency_keys set status = 'COMPLETED', response_status = ?, response_body = ?
                         where user_id = ? and idempotency_key = ?
                        """)
                .params(response.getStatusCode().value(), bytes, userId, key)
                .update();
        return bytes;
    }

    /** Gives up a claim whose work failed on our side; an outcome already stored stays. */
    private void release(UUID userId, String key) {
        jdbc.sql("delete from idempotency_keys where user_id = ? and idempotency_key = ? and status = 'IN_PROGRESS'")
                .params(userId, key)
                .update();
    }

    private record Stored(
            String scope,
            byte[] requestHash,
            String status,
            @Nullable Integer responseStatus,
            byte @Nullable [] responseBody) {}

    private Optional<Stored> find(UUID userId, String key, java.time.Instant now) {
        return jdbc.sql("""
                        select scope, request_hash, status, response_status, response_body
                          from idempotency_keys where user_id = ? and idempotency_key = ? and expires_at > ?
                        """)
                .params(userId, key, Timestamp.from(now))
                .query((rs, row) -> new Stored(
                        rs.getString("scope"),
                        rs.getBytes("request_hash"),
                        rs.getString("status"),
                        (Integer) rs.getObject("response_status"),
                        rs.getBytes("response_body")))
                .optional();
    }

    /** Forgets keys older than the retention period. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeExpired() {
        jdbc.sql("delete from idempotency_keys where expires_at <= ?")
                .param(Timestamp.from(clock.instant()))
                .update();
    }

    private static String validate(@Nullable String key) {
        if (key == null || key.isEmpty()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "idempotency_key_required",
                    "This endpoint needs an Idempotency-Key header");
        }
        if (key.length() > 255 || key.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw ApiException.validation(HEADER, "Must be 1 to 255 printable ASCII characters");
        }
        return key;
    }

    private byte[] hash(String scope, Object request) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(scope.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(canonicalJson.writeValueAsBytes(request));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException inProgress() {
        return ApiException.conflict(
                "idempotency_request_in_progress", "A request with this Idempotency-Key is still being processed");
    }
}
