package com.betanet.marketplace.catalog.search;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes the SQL of one search page. Only ACTIVE products; filters and the keyset position become predicates the
 * partial indexes of {@code V7__catalog_search.sql} serve. Values are always bind parameters; the statement text
 * varies only with which filters are present, so each shape is planned for what it is.
 *
 * <p>The products of the page are chosen first (a subquery ending in ORDER BY ... LIMIT), and only those rows are
 * joined to their category and seller.
 */
final class ProductSearchSql {

    record Statement(String sql, Map<String, Object> params) {}

    /**
     * Settings for the search transaction only. Custom plans: a search's best plan depends on its values (how common
     * a word is, how large a category), which a cached generic plan ignores. No JIT: compiling costs more than these
     * short queries take. No sequential scan of a million products for an interactive request, even for a word in
     * most of them: the indexes always serve.
     */
    static final String TUNE_TRANSACTION = "select set_config('plan_cache_mode', 'force_custom_plan', true),"
            + " set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true)";

    /** The category and all categories below it (none if the id is unknown): a prefix match on the path. */
    static final String CATEGORY_SUBTREE = """
            select d.id
            from categories c
            join categories d on d.path like c.path || '%'
            where c.id = :id""";

    /** Prefix words with more extensions than this keep a prefix match instead of a list of terms. */
    static final int MAX_EXTENSIONS = 16;

    /**
     * What the dictionary knows of each query word: how many active products use it (its terms starting with it, for
     * a prefix word) and those terms when there are at most {@link #MAX_EXTENSIONS}; for a word no term starts with,
     * its ten nearest terms by trigram distance (an indexed nearest-neighbour search) as spelling candidates. Also the
     * table's row estimate, to turn counts into fractions.
     */
    static final String WORD_STATS = """
            select w.word, s.documents, s.terms, s.extensions, n.term, n.doc_count,
                   (select reltuples from pg_class where oid = 'products'::regclass) as products
            from unnest(cast(:words as text[]), cast(:prefixes as boolean[]), cast(:fuzzy as boolean[]))
                     as w(word, prefix, fuzzy)
            cross join lateral (
                select coalesce(sum(e.doc_count), 0) as documents, count(*) as terms,
                       case when count(*) <= %d then array_agg(e.term order by e.term) end as extensions
                from product_search_terms e
                where e.term >= w.word
                  and e.term <= case when w.prefix then w.word || chr(1114111) else w.word end) s
            left join lateral (
                select t.term, t.doc_count
                from product_search_terms t
                where w.fuzzy and s.terms = 0
                order by t.term <-> w.word
                limit 10) n on true""".formatted(MAX_EXTENSIONS);

    static Map<String, Object> wordStatsParams(List<String> words) {
        return Map.of(
                "words", textArrayLiteral(words),
                "prefixes",
                        booleanArrayLiteral(
                                words.stream().map(QueryText::matchesAsPrefix).toList()),
                "fuzzy",
                        booleanArrayLiteral(
                                words.stream().map(QueryText::mayBeMisspelt).toList()));
    }

    private static String booleanArrayLiteral(List<Boolean> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /** The images of a page's products, in position order. */
    static final String IMAGES = """
            select product_id, id, image_key, thumbnail_key, position
            from product_images
            where product_id = any(cast(:ids as uuid[]))
            order by product_id, position""";

    private static final String COLUMNS = """
            p.id, p.title, p.description, p.price_amount, p.price_currency, p.on_hand - p.reserved as stock,
            p.rating_average, p.rating_count, p.created_at, p.updated_at, p.category_id, p.seller_id""";

    private ProductSearchSql() {}

    /**
     * How a page with words finds its products. The planner's row estimates for a word are good, but it assumes the
     * matches are spread evenly along the sort order; a word correlated with the sort key ("laptop" among the cheapest
     * products) makes its favourite plan, walking the sort index until enough rows match, read most of the table.
     * {@link SearchPlan} chooses from the dictionary's counts instead, and bounds the walk.
     */
    enum Access {
        /** No words: the planner picks between the sort indexes and the filters' indexes. */
        PLANNER,
        /**
         * A category browsed by newest or price, no other filter: the first page of each category of the subtree from
         * its (category, sort key) index, index-only, then merged. Walking the global sort index instead (the
         * planner's favourite) reads a hundred rows per match for a category holding 1 % of the products.
         */
        CATEGORY_MERGE,
        /**
         * A broad text query: walk the sort index, at most a budget of rows, checking each row's text. Rows are
         * visited in order, so the first matches found are the page. Fewer than a page means the budget ran out (or
         * the results did): the service asks again with {@link #COLLECT}.
         */
        WALK,
        /**
         * After a walk of the price order that found less than a page: the matches up to a price (the window's end,
         * from {@link PriceQuantiles}), collected from the full-text index and a price index together — their two
         * bitmaps ANDed, so only matches inside the window are read — then sorted. Fewer than a page: the service
         * collects all the matches.
         */
        WINDOW,
        /** A selective text query (or relevance): all matches from the full-text index, then sorted. */
        COLLECT
    }

    /**
     * @param textQuery the {@code tsquery} text, or null to match every product
     * @param categoryIds the category filter with all its descendants, or null
     * @param after the position the previous page ended at, or null for the first page
     */
    static Statement page(
            SearchCriteria criteria,
            @Nullable String textQuery,
            @Nullable List<UUID> categoryIds,
            @Nullable SearchCursor after,
            int fetch,
            SearchPlan plan) {
        var access = plan.access();
        var params = new LinkedHashMap<String, Object>();
        var filters = new StringBuilder("p.status = 'ACTIVE'");
        if (categoryIds != null && textQuery != null) {
            // with words, the subtree is a key of the full-text index (the product's category and its ancestors)
            filters.append("\n  and p.category_ancestors @> cast(:inCategory as uuid[])");
            params.put("inCategory", "{" + Objects.requireNonNull(criteria.categoryId()) + "}");
        } else if (categoryIds != null) {
            filters.append("\n  and p.category_id = any(cast(:categoryIds as uuid[]))");
            params.put("categoryIds", arrayLiteral(categoryIds));
        }
        if (criteria.minPrice() != null) {
            filters.append("\n  and p.price_amount >= :minPrice");
            params.put("minPrice", criteria.minPrice());
        }
        if (criteria.maxPrice() != null) {
            filters.append("\n  and p.price_amount <= :maxPrice");
            params.put("maxPrice", criteria.maxPrice());
        }
        if (criteria.minRating() != null) {
            filters.append("\n  and p.rating_average >= :minRating");
            params.put("minRating", criteria.minRating());
        }
        if (criteria.sellerId() != null) {
            filters.append("\n  and p.seller_id = :sellerId");
            params.put("sellerId", criteria.sellerId());
        }
        if (criteria.inStockOnly()) {
            filters.append("\n  and p.on_hand > p.reserved");
        }
        if (textQuery != null) {
            params.put("query", textQuery);
        }
        params.put("fetch", fetch);
        var sort = criteria.sort();
        String page;
        if (sort == SearchSort.RELEVANCE) {
            // Every match is ranked (the rank is in no index), so the keyset predicate filters ranked rows; OFFSET 0
            // keeps the rank from being computed a second time inside that predicate. Only the id and the rank of each
            // match are carried to the sort, and the page's rows are read after: carrying every column of thousands
            // of matches (descriptions included) cost about twice the ranking itself.
            var keyset = "";
            if (after != null) {
                keyset = "\nwhere (m.rank, m.id) < (cast(:afterRank as real), cast(:afterId as uuid))";
                params.put("afterRank", Objects.requireNonNull(after.r()));
                params.put("afterId", after.id());
            }
            page = "select " + COLUMNS + ", r.rank\nfrom (\nselect * from (\nselect p.id,"
                    + " ts_rank(p.search_vector, cast(:query as tsquery)) as rank\nfrom products p\nwhere " + filters
                    + "\n  and " + TEXT_MATCH + "\noffset 0) m" + keyset + "\norder by " + order(sort, "m")
                    + "\nlimit :fetch) r\njoin products p on p.id = r.id";
        } else {
            if (after != null && access != Access.CATEGORY_MERGE) {
                filters.append("\n  and ").append(keyset(sort, after, params));
            }
            if (access == Access.WINDOW) {
                filters.append(
                        sort == SearchSort.PRICE_ASC
                                ? "\n  and p.price_amount <= :windowEnd"
                                : "\n  and p.price_amount >= :windowEnd");
                params.put("windowEnd", plan.windowEnd());
            }
            page = switch (textQuery == null && access != Access.CATEGORY_MERGE ? Access.PLANNER : access) {
                case CATEGORY_MERGE -> {
                    var keys = sort == SearchSort.NEWEST ? "p.id, p.created_at" : "p.id, p.price_amount";
                    var keyset = after == null ? "" : "\n    and " + keyset(sort, after, params);
                    yield "select " + COLUMNS
                            + "\nfrom (\nselect x.id\nfrom unnest(cast(:categoryIds as uuid[])) as c(id)"
                            + "\ncross join lateral (\n    select " + keys + "\n    from products p"
                            + "\n    where p.category_id = c.id and p.status = 'ACTIVE'" + keyset + "\n    order by "
                            + order(sort, "p") + "\n    limit :fetch) x\norder by " + order(sort, "x")
                            + "\nlimit :fetch) top\njoin products p on p.id = top.id\norder by " + order(sort, "p")
                            + "\nlimit :fetch";
                }
                case PLANNER ->
                    "select " + COLUMNS + "\nfrom products p\nwhere " + filters + "\norder by " + order(sort, "p")
                            + "\nlimit :fetch";
                case WALK -> {
                    params.put("walk", plan.walkBudget());
                    yield "select " + COLUMNS + "\nfrom (\nselect p.*\nfrom products p\nwhere " + filters
                            + "\norder by " + order(sort, "p") + "\nlimit :walk) p\nwhere " + TEXT_MATCH
                            + "\norder by " + order(sort, "p") + "\nlimit :fetch";
                }
                // OFFSET 0 keeps the ORDER BY out of the scan: no sort index is walked, the matches are collected.
                case COLLECT, WINDOW ->
                    "select * from (\nselect " + COLUMNS + "\nfrom products p\nwhere " + filters + "\n  and "
                            + TEXT_MATCH + "\noffset 0) m\norder by " + order(sort, "m") + "\nlimit :fetch";
            };
        }
        var sql = "select m.*, c.name as category_name, c.slug as category_slug,"
                + " u.username as seller_username, u.shop_name as seller_shop_name\nfrom (\n" + page + "\n) m\n"
                + "join categories c on c.id = m.category_id\njoin users u on u.id = m.seller_id\norder by "
                + order(sort, "m");
        return new Statement(sql, params);
    }

    private static final String TEXT_MATCH = "p.search_vector @@ cast(:query as tsquery)";

    static String order(SearchSort sort, String alias) {
        return switch (sort) {
            case RELEVANCE -> alias + ".rank desc, " + alias + ".id desc";
            case NEWEST -> alias + ".created_at desc, " + alias + ".id desc";
            case PRICE_ASC -> alias + ".price_amount, " + alias + ".id";
            case PRICE_DESC -> alias + ".price_amount desc, " + alias + ".id desc";
            case RATING_DESC -> alias + ".rating_average desc, " + alias + ".rating_count desc, " + alias + ".id desc";
        };
    }

    /** Row comparisons in the direction of the sort: they match the sort indexes column for column. */
    private static String keyset(SearchSort sort, SearchCursor after, Map<String, Object> params) {
        params.put("afterId", after.id());
        switch (sort) {
            case NEWEST -> {
                params.put("afterCreatedAt", Objects.requireNonNull(after.t()).atOffset(ZoneOffset.UTC));
                return "(p.created_at, p.id) < (:afterCreatedAt, :afterId)";
            }
            case PRICE_ASC -> {
                params.put("afterPrice", Objects.requireNonNull(after.p()));
                return "(p.price_amount, p.id) > (:afterPrice, :afterId)";
            }
            case PRICE_DESC -> {
                params.put("afterPrice", Objects.requireNonNull(after.p()));
                return "(p.price_amount, p.id) < (:afterPrice, :afterId)";
            }
            case RATING_DESC -> {
                params.put("afterRating", Objects.requireNonNull(after.a()));
                params.put("afterRatingCount", Objects.requireNonNull(after.n()));
                return "(p.rating_average, p.rating_count, p.id) < (:afterRating, :afterRatingCount, :afterId)";
            }
            default -> throw new IllegalArgumentException(sort.name());
        }
    }

    /** A PostgreSQL text-array literal; search words are letters, digits and dots, quoted anyway. */
    static String textArrayLiteral(List<String> words) {
        return words.stream()
                .map(word -> "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A PostgreSQL array literal of ids (UUIDs need no quoting). */
    static String arrayLiteral(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
