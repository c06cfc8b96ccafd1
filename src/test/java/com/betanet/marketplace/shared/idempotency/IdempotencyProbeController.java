package com.betanet.marketplace.shared.idempotency;

import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ApiException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only endpoint marked [idem], counting how often its work really runs (the real users are checkouts,
 * payments and payouts).
 */
@RestController
class IdempotencyProbeController {

    static final AtomicInteger WORK_DONE = new AtomicInteger();

    private final IdempotentRequests idempotency;

    IdempotencyProbeController(IdempotentRequests idempotency) {
        this.idempotency = idempotency;
    }

    record ProbeRequest(String item, int quantity, long sleepMillis, boolean fail) {}

    @PostMapping("/api/v1/test/idempotency-probe")
    ResponseEntity<?> probe(
            CurrentUser caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
            @RequestBody ProbeRequest request) {
        return idempotency.execute(caller.id(), key, "POST /test/idempotency-probe", request, () -> {
            sleep(request.sleepMillis());
            if (request.fail()) {
                throw ApiException.conflict("insufficient_stock", "Not enough " + request.item());
            }
            int run = WORK_DONE.incrementAndGet();
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(Map.of("item", request.item(), "quantity", request.quantity(), "run", run));
        });
    }

    /** The variant for work around a remote call: reports whether a transaction was open while the work ran. */
    @PostMapping("/api/v1/test/idempotency-probe/outside")
    ResponseEntity<?> probeOutside(
            CurrentUser caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
            @RequestBody ProbeRequest request) {
        return idempotency.executeOutsideTransaction(
                caller.id(), key, "POST /test/idempotency-probe/outside", request, () -> {
                    if (request.fail()) {
                        throw ApiException.conflict("insufficient_stock", "Not enough " + request.item());
                    }
                    int run = WORK_DONE.incrementAndGet();
                    boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
                    return ResponseEntity.status(HttpStatus.CREATED)
                            .body(Map.of("run", run, "inTransaction", inTransaction));
                });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
