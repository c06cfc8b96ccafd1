import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook-intake load of issue 5, with nothing but the JDK. For payments 1..n (seeded by seed.sql with the same
 * formulas): odd ones get a Daraja STK success callback, even ones a Stripe {@code payment_intent.succeeded} event
 * signed like Stripe signs it (each delivery signed when sent, as Stripe does on every retry). Every event is
 * delivered {@code copies} times, all deliveries shuffled (fixed seed), sent by {@code senders} threads that each take
 * the next delivery as soon as their previous one is answered (a closed loop). Before that, the warm-up payments get
 * one delivery each, unmeasured.
 *
 * <pre>
 * java WebhookBench BASE_URL MPESA_SECRET STRIPE_SECRET STRIPE_API_VERSION N WARM COPIES SENDERS
 * </pre>
 *
 * Prints key=value lines (webhooks.*).
 */
public class WebhookBench {

    record Delivery(String path, String body, boolean stripe) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String mpesaSecret;
    private final byte[] stripeSecret;
    private final String stripeApiVersion;

    WebhookBench(String baseUrl, String mpesaSecret, String stripeSecret, String stripeApiVersion) {
        this.baseUrl = baseUrl;
        this.mpesaSecret = mpesaSecret;
        this.stripeSecret = stripeSecret.getBytes(StandardCharsets.UTF_8);
        this.stripeApiVersion = stripeApiVersion;
    }

    public static void main(String[] args) throws Exception {
        var bench = new WebhookBench(args[0], args[1], args[2], args[3]);
        int n = Integer.parseInt(args[4]);
        int warm = Integer.parseInt(args[5]);
        int copies = Integer.parseInt(args[6]);
        int senders = Integer.parseInt(args[7]);

        var warmUp = new ArrayList<Delivery>();
        for (int i = 1; i <= warm; i++) {
            warmUp.add(bench.delivery("warm", i));
        }
        var measured = new ArrayList<Delivery>();
        for (int i = 1; i <= n; i++) {
            var delivery = bench.delivery("bench", i);
            for (int c = 0; c < copies; c++) {
                measured.add(delivery);
            }
        }
        Collections.shuffle(measured, new Random(20260505L));

        var warmResult = bench.send(warmUp, senders);
        System.out.println("webhooks.warmup_requests=" + warmUp.size());
        System.out.println("webhooks.warmup_wall_ms=" + warmResult.wallNanos / 1_000_000);
        System.out.println("webhooks.warmup_failures=" + warmResult.failures());

        var result = bench.send(measured, senders);
        long[] sorted = result.latencies.clone();
        Arrays.sort(sorted);
        System.out.println("webhooks.events=" + n);
        System.out.println("webhooks.requests=" + measured.size());
        System.out.println("webhooks.senders=" + senders);
        System.out.println("webhooks.wall_ms=" + result.wallNanos / 1_000_000);
        System.out.printf("webhooks.per_second=%.0f%n", measured.size() * 1e9 / result.wallNanos);
        System.out.printf("webhooks.p50_ms=%.1f%n", percentile(sorted, 50));
        System.out.printf("webhooks.p90_ms=%.1f%n", percentile(sorted, 90));
        System.out.printf("webhooks.p99_ms=%.1f%n", percentile(sorted, 99));
        System.out.printf("webhooks.max_ms=%.1f%n", sorted[sorted.length - 1] / 1e6);
        System.out.println("webhooks.statuses=" + new TreeMap<>(result.statuses));
        System.out.println("webhooks.failures=" + result.failures());
        System.out.println("webhooks.finished_at_epoch_ms=" + System.currentTimeMillis());
    }

    record Result(long wallNanos, long[] latencies, Map<Integer, Integer> statuses) {
        int failures() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() != 200)
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }
    }

    Result send(List<Delivery> deliveries, int senders) throws InterruptedException {
        var next = new AtomicInteger();
        var latencies = new long[deliveries.size()];
        var statuses = new ConcurrentHashMap<Integer, LongAdder>();
        var done = new CountDownLatch(senders);
        long start = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            new Thread(() -> {
                try {
                    int index;
                    while ((index = next.getAndIncrement()) < deliveries.size()) {
                        var delivery = deliveries.get(index);
                        long t0 = System.nanoTime();
                        int status = post(delivery);
                        latencies[index] = System.nanoTime() - t0;
                        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
                    }
                } finally {
                    done.countDown();
                }
            }, "sender-" + s).start();
        }
        done.await();
        long wall = System.nanoTime() - start;
        var counts = new TreeMap<Integer, Integer>();
        statuses.forEach((status, count) -> counts.put(status, count.intValue()));
        return new Result(wall, latencies, counts);
    }

    private int post(Delivery delivery) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + delivery.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()));
        if (delivery.stripe()) {
            request.header("Stripe-Signature", sign(delivery.body(), Instant.now().getEpochSecond()));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException failed) {
            System.err.println("request failed: " + failed);
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -2;
        }
    }

    /** The event of payment {@code i}, with the formulas of seed.sql. */
    Delivery delivery(String kind, int i) {
        long shillings = 100 + (i * 37L) % 4900;
        if (i % 2 == 1) {
            var body = """
                    {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-%1$d","CheckoutRequestID":"ws_CO_%2$s_%1$d",\
                    "ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[\
                    {"Name":"Amount","Value":%3$d},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT%1$07d"},{"Name":"Balance"},\
                    {"Name":"TransactionDate","Value":20260505120501},{"Name":"PhoneNumber","Value":2547%1$08d}]}}}}"""
                    .formatted(i, kind, shillings);
            return new Delivery("/api/v1/webhooks/mpesa/" + mpesaSecret, body, false);
        }
        long cents = shillings * 100;
        var intent = "pi_" + kind + "_" + i;
        var body = """
                {"id":"evt_%1$s_%2$d","object":"event","api_version":"%3$s","created":%4$d,"livemode":false,\
                "pending_webhooks":1,"request":{"id":null,"idempotency_key":"%5$s"},"type":"payment_intent.succeeded",\
                "data":{"object":{"id":"%6$s","object":"payment_intent","amount":%7$d,"amount_capturable":0,\
                "amount_received":%7$d,"capture_method":"automatic","client_secret":"%6$s_secret_bench",\
                "confirmation_method":"automatic","created":%4$d,"currency":"kes","livemode":false,\
                "metadata":{"purpose":"CHECKOUT"},"payment_method_types":["card"],"status":"succeeded",\
                "latest_charge":"ch_%1$s_%2$d","last_payment_error":null}}}"""
                .formatted(kind, i, stripeApiVersion, Instant.now().getEpochSecond(), "idem-" + kind + "-" + i,
                        intent, cents);
        return new Delivery("/api/v1/webhooks/stripe", body, true);
    }

    private String sign(String body, long timestamp) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(stripeSecret, "HmacSHA256"));
            var signature = HexFormat.of()
                    .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return "t=" + timestamp + ",v1=" + signature;
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
