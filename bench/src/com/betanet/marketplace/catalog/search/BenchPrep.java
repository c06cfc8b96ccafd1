package com.betanet.marketplace.catalog.search;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * Prepares the search benchmark from {@code bench/shapes.txt}: resolves category slugs to ids, writes the HTTP
 * requests of each shape for wrk, and, for each request, the exact statements the server runs for it (same SQL text
 * from {@link ProductSearchSql}, same spelling corrections, bind values written as literals) as a pgbench script —
 * the direct-SQL floor. Also saves {@code EXPLAIN (ANALYZE, BUFFERS)} of every request's page query.
 *
 * <p>Lives in the search package (compiled against {@code target/classes}) to reuse its package-private SQL.
 *
 * <p>Usage: {@code BenchPrep <jdbc-url> <shapes-file> <out-dir> <explain-dir>}
 */
public final class BenchPrep {

    private static final Pattern SLUG = Pattern.compile("\\{category:([a-z0-9-]+)}");

    public static void main(String[] args) throws Exception {
        var url = args[0];
        var shapes = Path.of(args[1]);
        var out = Path.of(args[2]);
        var explainDir = Path.of(args[3]);
        Files.createDirectories(out.resolve("requests"));
        Files.createDirectories(out.resolve("pgbench"));
        Files.createDirectories(explainDir);
        try (var connection = DriverManager.getConnection(url, "postgres", "")) {
            connection.setAutoCommit(true);
            var requests = new LinkedHashMap<String, List<String>>();
            for (var line : Files.readAllLines(shapes)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var tab = line.indexOf('\t');
                requests.computeIfAbsent(line.substring(0, tab).trim(), shape -> new ArrayList<>())
                        .add(resolve(connection, line.substring(tab + 1).trim()));
            }
            for (var shape : requests.entrySet()) {
                var explain = new StringBuilder();
                var paths = new ArrayList<String>();
                int n = 0;
                for (var query : shape.getValue()) {
                    n++;
                    paths.add("/api/v1/products?" + query);
                    var script = script(connection, query, explain);
                    Files.writeString(out.resolve("pgbench").resolve(shape.getKey() + "-" + n + ".sql"), script);
                }
                Files.write(out.resolve("requests").resolve(shape.getKey() + ".txt"), paths);
                Files.writeString(explainDir.resolve(shape.getKey() + ".txt"), explain);
                System.out.printf("%-22s %d requests%n", shape.getKey(), n);
            }
        }
    }

    /** Replaces {@code {category:slug}} with the category's id. */
    private static String resolve(Connection connection, String query) throws SQLException {
        Matcher matcher = SLUG.matcher(query);
        var result = new StringBuilder();
        while (matcher.find()) {
            try (var statement = connection.prepareStatement("select id from categories where slug = ?")) {
                statement.setString(1, matcher.group(1));
                try (var rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalArgumentException("No category " + matcher.group(1));
                    }
                    matcher.appendReplacement(result, rows.getString(1));
                }
            }
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** The statements {@link ProductSearchService#search} runs for this request, with literal values. */
    private static String script(Connection connection, String query, StringBuilder explain) throws SQLException {
        var criteria = SearchCriteria.parse(request(query));
        var statements = new ArrayList<String>();
        statements.add(ProductSearchSql.TUNE_TRANSACTION);
        List<UUID> categoryIds = null;
        if (criteria.categoryId() != null) {
            var sql = render(ProductSearchSql.CATEGORY_SUBTREE, Map.of("id", criteria.categoryId()));
            statements.add(sql);
            categoryIds = new ArrayList<>();
            for (var row : rows(connection, sql)) {
                categoryIds.add(UUID.fromString(row.get(0)));
            }
        }
        String textQuery = null;
        WordStats.Resolved resolved = null;
        if (!criteria.words().isEmpty()) {
            var sql = render(ProductSearchSql.WORD_STATS, ProductSearchSql.wordStatsParams(criteria.words()));
            statements.add(sql);
            resolved = wordStats(connection, sql).resolve(criteria.words());
            textQuery = resolved.textQuery();
        }
        var plan = SearchPlan.choose(criteria, categoryIds, resolved);
        int fetch = criteria.page().fetchSize();
        var page = ProductSearchSql.page(criteria, textQuery, categoryIds, null, fetch, plan);
        var pageSql = render(page.sql(), page.params());
        statements.add(pageSql);
        var found = rows(connection, pageSql);
        while (plan.fallsBackAfter(found.size(), fetch)) {
            var next = plan.next(criteria, null, resolved, prices(connection), found.size());
            page = ProductSearchSql.page(criteria, textQuery, categoryIds, null, fetch, next);
            var nextSql = render(page.sql(), page.params());
            statements.add(nextSql);
            found = rows(connection, nextSql);
            explain.append("-- the ")
                    .append(plan.access().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" found fewer than a page; the server then tries ")
                    .append(next)
                    .append(":\n");
            explainInto(connection, pageSql, explain);
            pageSql = nextSql;
            plan = next;
        }
        var ids = found.stream()
                .map(row -> UUID.fromString(row.get(0)))
                .limit(criteria.page().limit())
                .toList();
        statements.add(render(ProductSearchSql.IMAGES, Map.of("ids", ProductSearchSql.arrayLiteral(ids))));

        explain.append("-- GET /api/v1/products?")
                .append(URLDecoder.decode(query, StandardCharsets.UTF_8))
                .append("\n-- ")
                .append(ids.size())
                .append(" products on the page; full-text query: ")
                .append(textQuery)
                .append("; plan: ")
                .append(plan)
                .append("\n");
        explainInto(connection, pageSql, explain);
        return "BEGIN READ ONLY;\n" + statements.stream().map(sql -> sql + ";\n").collect(Collectors.joining())
                + "COMMIT;\n";
    }

    private static PriceQuantiles prices;

    /** The price quantiles as the server holds them (read once). */
    private static PriceQuantiles prices(Connection connection) throws SQLException {
        if (prices == null) {
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery(PriceQuantiles.QUANTILES)) {
                rs.next();
                prices = new PriceQuantiles(PriceQuantiles.read(rs));
            }
        }
        return prices;
    }

    /** EXPLAIN (ANALYZE, BUFFERS) under the server's transaction settings. */
    private static void explainInto(Connection connection, String sql, StringBuilder explain) throws SQLException {
        explain.append(sql).append("\n\n");
        connection.setAutoCommit(false);
        try {
            rows(connection, ProductSearchSql.TUNE_TRANSACTION);
            for (var row : rows(connection, "explain (analyze, buffers) " + sql)) {
                explain.append(row.get(0)).append('\n');
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        explain.append("\n");
    }

    /** Reads {@link ProductSearchSql#WORD_STATS} rows as the repository does. */
    private static WordStats wordStats(Connection connection, String sql) throws SQLException {
        var words = new LinkedHashMap<String, WordStats.Word>();
        double products = 0;
        try (var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                var word = words.get(rs.getString("word"));
                if (word == null) {
                    var extensions = rs.getArray("extensions");
                    word = new WordStats.Word(
                            rs.getLong("documents"),
                            rs.getInt("terms"),
                            extensions == null ? null : List.of((String[]) extensions.getArray()),
                            new ArrayList<>());
                    words.put(rs.getString("word"), word);
                }
                if (rs.getString("term") != null) {
                    word.near().add(new Spelling.Candidate(rs.getString("term"), rs.getInt("doc_count")));
                }
                products = rs.getDouble("products");
            }
        }
        return new WordStats(words, products);
    }

    private static ProductSearchRequest request(String query) {
        var params = new HashMap<String, String>();
        for (var pair : query.split("&")) {
            int equals = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return new ProductSearchRequest(
                params.get("q"),
                params.get("categoryId"),
                params.get("minPrice"),
                params.get("maxPrice"),
                params.get("minRating"),
                params.get("sellerId"),
                params.get("inStock"),
                params.get("sort"),
                params.get("limit"),
                params.get("cursor"));
    }

    /** Named parameters replaced by SQL literals, in the order Spring's JdbcClient would bind them. */
    static String render(String sql, Map<String, ?> params) {
        var parsed = NamedParameterUtils.parseSqlStatement(sql);
        var source = new MapSqlParameterSource(params);
        var jdbcSql = NamedParameterUtils.substituteNamedParameters(parsed, source);
        var values = NamedParameterUtils.buildValueArray(parsed, source, null);
        var out = new StringBuilder();
        int next = 0;
        for (char c : jdbcSql.toCharArray()) {
            if (c == '?') {
                out.append(literal(values[next++]));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String literal(Object value) {
        if (value instanceof Number number) {
            return number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString();
        }
        if (value instanceof OffsetDateTime || value instanceof UUID || value instanceof String) {
            return "'" + value.toString().replace("'", "''") + "'";
        }
        throw new IllegalArgumentException("No literal for " + value.getClass());
    }

    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        var rows = new ArrayList<List<String>>();
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new ArrayList<String>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private BenchPrep() {}

    static {
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
