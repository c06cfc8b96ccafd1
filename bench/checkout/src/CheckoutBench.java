import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load generator of the checkout benchmark (bench/run-checkout-bench.sh): talks to the real server over HTTP on
 * localhost and reads the database directly only to verify stock and to refill carts. Bounded in count and time.
 *
 * <pre>
 *   java -cp target/classes:deps:bench-classes CheckoutBench contention  BASE_URL JDBC_URL BUYERS UNITS
 *   java -cp ...                           CheckoutBench throughput  BASE_URL JDBC_URL CLIENTS WARMUP_S SECONDS CART(sql|api)
 * </pre>
 *
 * Prints {@code key=value} lines the script turns into the table.
 */
public final class CheckoutBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicInteger IPS = new AtomicInteger(1);
    static final String PASSWORD = "bench-password-1234";
    static final String ADDRESS = "{\"fullName\":\"Wanjiku Kamau\",\"phoneNumber\":\"+254 712 345678\","
            + "\"line1\":\"Moi Avenue 12\",\"city\":\"Nairobi\",\"country\":\"KE\"}";

    static HttpClient http;
    static String base;
    static String jdbcUrl;

    record Session(UUID id, String token) {}

    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String code() {
            try {
                var code = json().get("code");
                return code == null ? "" : code.asString();
            } catch (RuntimeException e) {
                return "";
            }
        }
    }

    public static void main(String[] args) throws Exception {
        base = args[1];
        jdbcUrl = args[2];
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4))
                .build();
        try {
            switch (args[0]) {
                case "contention" -> contention(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                case "throughput" -> throughput(
                        Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6]);
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1); // the pools' threads would keep the JVM (and the script) waiting
        }
        System.exit(0);
    }

    // --- the race for the last units

    static void contention(int buyers, int units) throws Exception {
        var admin = login(System.getenv().getOrDefault("BENCH_ADMIN_EMAIL", "admin@bench.local"),
                System.getenv().getOrDefault("BENCH_ADMIN_PASSWORD", "bench-admin-password"));
        var category = category(admin);
        var seller = register("SELLER");
        var product = product(seller, category, 1_000, units);
        var setup = Executors.newFixedThreadPool(8);
        var sessions = all(setup, buyers, i -> {
            var buyer = register("BUYER");
            addToCart(buyer, product, 1);
            return buyer;
        });
        setup.shutdown();

        var start = new CountDownLatch(1);
        var racers = Executors.newFixedThreadPool(buyers);
        var statuses = new ConcurrentHashMap<String, AtomicInteger>();
        var latest = new AtomicLong();
        var futures = new ArrayList<Future<?>>();
        for (var buyer : sessions) {
            futures.add(racers.submit(() -> {
                start.await();
                var reply = checkout(buyer);
                latest.accumulateAndGet(System.nanoTime(), Math::max);
                var key = reply.status() + (reply.status() == 201 ? "" : " " + reply.code());
                statuses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        Thread.sleep(500); // every racer is parked on the latch
        long t0 = System.nanoTime();
        start.countDown();
        for (var future : futures) {
            future.get();
        }
        racers.shutdown();
        double wallMs = (latest.get() - t0) / 1e6;

        int onHand;
        int reserved;
        int sold;
        try (var db = db()) {
            try (var rs = db.createStatement()
                    .executeQuery("select on_hand, reserved from products where id = '" + product + "'")) {
                rs.next();
                onHand = rs.getInt(1);
                reserved = rs.getInt(2);
            }
            try (var rs = db.createStatement()
                    .executeQuery("select coalesce(sum(quantity), 0) from order_items where product_id = '" + product + "'")) {
                rs.next();
                sold = rs.getInt(1);
            }
        }
        int apiStock = get("/api/v1/products/" + product, null).json().get("stock").asInt();
        System.out.println("contention.buyers=" + buyers);
        System.out.println("contention.units=" + units);
        System.out.println("contention.replies=" + new java.util.TreeMap<>(statuses));
        System.out.println("contention.wall_ms=" + String.format("%.0f", wallMs));
        System.out.println("contention.units_in_orders=" + sold);
        System.out.println("contention.on_hand=" + onHand + " reserved=" + reserved + " available=" + (onHand - reserved)
                + " api_stock=" + apiStock);
        int won = statuses.getOrDefault("201", new AtomicInteger()).get();
        int lost = statuses.getOrDefault("409 insufficient_stock", new AtomicInteger()).get();
        boolean ok = won == units && lost == buyers - units && sold == units && onHand - reserved == 0 && apiStock == 0;
        System.out.println("contention.ok=" + ok);
        if (!ok) {
            System.exit(2);
        }
    }

    // --- checkouts per second

    static void throughput(int clients, int warmupSeconds, int seconds, String cartMode) throws Exception {
        var admin = login(System.getenv().getOrDefault("BENCH_ADMIN_EMAIL", "admin@bench.local"),
                System.getenv().getOrDefault("BENCH_ADMIN_PASSWORD", "bench-admin-password"));
        var category = category(admin);
        var sellerA = register("SELLER");
        var sellerB = register("SELLER");
        var setup = Executors.newFixedThreadPool(8);
        // each client: its own buyer and 3 products of its own (2 of seller A, 1 of seller B): no shared rows
        record Client(Session buyer, List<UUID> products) {}
        var list = all(setup, clients, i -> new Client(
                register("BUYER"),
                List.of(product(sellerA, category, 1_000, 1_000_000),
                        product(sellerA, category, 2_500, 1_000_000),
                        product(sellerB, category, 4_000, 1_000_000))));
        setup.shutdown();
        try (var db = db()) {
            db.createStatement().execute("drop table if exists bench_clients");
            db.createStatement().execute("create table bench_clients (client int primary key, buyer uuid,"
                    + " p1 uuid, p2 uuid, p3 uuid, s1 uuid, s2 uuid)");
            var insert = db.prepareStatement("insert into bench_clients values (?, ?, ?, ?, ?, ?, ?)");
            for (int i = 0; i < list.size(); i++) {
                var sorted = list.get(i).products().stream().sorted().toList();
                insert.setInt(1, i);
                insert.setObject(2, list.get(i).buyer().id());
                insert.setObject(3, sorted.get(0));
                insert.setObject(4, sorted.get(1));
                insert.setObject(5, sorted.get(2));
                insert.setObject(6, sellerA.id());
                insert.setObject(7, sellerB.id());
                insert.executeUpdate();
            }
        }

        long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        var latencies = new ConcurrentHashMap<Integer, long[]>();
        var counts = new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()};
        var failures = new ConcurrentHashMap<String, AtomicInteger>();
        var pool = Executors.newFixedThreadPool(clients);
        var futures = new ArrayList<Future<?>>();
        for (int i = 0; i < clients; i++) {
            var client = list.get(i);
            int index = i;
            futures.add(pool.submit(() -> {
                var mine = new long[200_000];
                int n = 0;
                try (var db = "sql".equals(cartMode) ? db() : null) {
                    var refill = db == null ? null : db.prepareStatement("insert into cart_items"
                            + " (user_id, product_id, quantity, added_at) values (?, ?, 1, now()), (?, ?, 1, now()),"
                            + " (?, ?, 1, now())");
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            break;
                        }
                        if (refill != null) {
                            for (int p = 0; p < 3; p++) {
                                refill.setObject(1 + 2 * p, client.buyer().id());
                                refill.setObject(2 + 2 * p, client.products().get(p));
                            }
                            refill.executeUpdate();
                        } else {
                            for (var product : client.products()) {
                                addToCart(client.buyer(), product, 1);
                            }
                        }
                        long t0 = System.nanoTime();
                        var reply = checkout(client.buyer());
                        long t1 = System.nanoTime();
                        if (reply.status() != 201) {
                            failures.computeIfAbsent(reply.status() + " " + reply.code(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            if (db != null) { // leave no stale cart behind a failure
                                db.createStatement().execute(
                                        "delete from cart_items where user_id = '" + client.buyer().id() + "'");
                            }
                        }
                        if (t0 >= warmupEnd && t1 <= end) {
                            mine[n++] = t1 - t0;
                        }
                    }
                }
                latencies.put(index, Arrays.copyOf(mine, n));
                return null;
            }));
        }
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();
        var all = latencies.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.println("throughput.clients=" + clients);
        System.out.println("throughput.cart=" + cartMode);
        System.out.println("throughput.seconds=" + seconds);
        System.out.println("throughput.checkouts=" + all.length);
        System.out.println("throughput.per_second=" + String.format("%.0f", all.length / (double) seconds));
        System.out.println("throughput.p50_ms=" + ms(all, 0.50));
        System.out.println("throughput.p95_ms=" + ms(all, 0.95));
        System.out.println("throughput.p99_ms=" + ms(all, 0.99));
        System.out.println("throughput.max_ms=" + ms(all, 1.0));
        System.out.println("throughput.failures=" + failures);
    }

    static String ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1);
        return String.format("%.1f", sorted[Math.max(0, i)] / 1e6);
    }

    // --- HTTP helpers

    static Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    static <T> List<T> all(ExecutorService pool, int count, Task<T> task) throws Exception {
        var futures = new ArrayList<Future<T>>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit((Callable<T>) () -> task.run(index)));
        }
        var results = new ArrayList<T>();
        for (var future : futures) {
            results.add(future.get());
        }
        return results;
    }

    static String nextIp() {
        int n = IPS.getAndIncrement();
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    static Reply send(String method, String path, String token, String body, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Forwarded-For", nextIp())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    static Reply get(String path, String token) throws Exception {
        return send("GET", path, token, null, Map.of());
    }

    static Reply expect(Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + ": " + reply.status() + " " + reply.body());
        }
        return reply;
    }

    static Session session(JsonNode body) {
        return new Session(UUID.fromString(body.get("user").get("id").asString()), body.get("accessToken").asString());
    }

    static Session login(String email, String password) throws Exception {
        var body = JSON.writeValueAsString(Map.of("email", email, "password", password));
        return session(expect(send("POST", "/api/v1/auth/login", null, body, Map.of()), 200, "admin login").json());
    }

    static Session register(String role) throws Exception {
        var suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var body = new HashMap<String, Object>();
        body.put("email", "bench" + suffix + "@example.com");
        body.put("password", PASSWORD);
        body.put("username", "b" + suffix);
        body.put("fullName", "Bench User");
        body.put("role", role);
        if ("SELLER".equals(role)) {
            body.put("shopName", "Shop " + suffix);
        }
        var reply = send("POST", "/api/v1/auth/register", null, JSON.writeValueAsString(body), Map.of());
        return session(expect(reply, 201, "register").json());
    }

    static UUID category(Session admin) throws Exception {
        var body = JSON.writeValueAsString(Map.of("name", "Bench " + UUID.randomUUID().toString().substring(0, 8)));
        var reply = expect(send("POST", "/api/v1/categories", admin.token(), body, Map.of()), 201, "category");
        return UUID.fromString(reply.json().get("id").asString());
    }

    static UUID product(Session seller, UUID category, long price, int stock) throws Exception {
        var body = new HashMap<String, Object>();
        body.put("title", "Bench product " + UUID.randomUUID().toString().substring(0, 8));
        body.put("description", "A thing worth buying.");
        body.put("categoryId", category.toString());
        body.put("price", Map.of("amount", price, "currency", "KES"));
        body.put("stock", stock);
        var reply = expect(
                send("POST", "/api/v1/products", seller.token(), JSON.writeValueAsString(body), Map.of()), 201, "product");
        return UUID.fromString(reply.json().get("id").asString());
    }

    static void addToCart(Session buyer, UUID product, int quantity) throws Exception {
        var body = JSON.writeValueAsString(Map.of("productId", product.toString(), "quantity", quantity));
        expect(send("POST", "/api/v1/cart/items", buyer.token(), body, Map.of()), 200, "add to cart");
    }

    static Reply checkout(Session buyer) throws Exception {
        return send(
                "POST",
                "/api/v1/checkouts",
                buyer.token(),
                "{\"shippingAddress\":" + ADDRESS + "}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }
}
