package com.betanet.marketplace.catalog.demo;

import com.betanet.marketplace.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a realistic catalogue: the category tree of the word lists, sellers, and any number of products made inside
 * PostgreSQL ({@code generate_series} over the word lists passed once as JSON), so a million products take minutes,
 * not hours of row-by-row inserts. Categories are Zipf-skewed (a few hold most products), prices log-normal around
 * each category's median, sellers Zipf-skewed too.
 */
@Component
class CatalogueGenerator {

    private static final Logger log = LoggerFactory.getLogger(CatalogueGenerator.class);
    private static final int CHUNK = 50_000;
    private static final int SLOTS = 65_536;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    CatalogueGenerator(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    record Leaf(UUID id, String name, String family) {}

    /** The categories of the word lists (existing slugs are kept); returns the leaves with their ids. */
    List<Leaf> categories(CatalogueWords words) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var leaves = new ArrayList<Leaf>();
        for (var root : words.roots()) {
            insertCategory(root, null, "/", 0, now.toInstant(), leaves);
        }
        return leaves;
    }

    private void insertCategory(
            CatalogueWords.Node node,
            @Nullable UUID parentId,
            String parentPath,
            int depth,
            Instant now,
            List<Leaf> leaves) {
        var id = Ids.newId();
        jdbc.sql("""
                        insert into categories (id, parent_id, name, slug, path, depth, created_at, updated_at)
                        values (:id, :parentId, :name, :slug, :path, :depth, :now, :now)
                        on conflict (slug) do nothing""")
                .param("id", id)
                .param("parentId", parentId)
                .param("name", node.name())
                .param("slug", node.slug())
                .param("path", parentPath + id + "/")
                .param("depth", depth)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        var stored = jdbc.sql("select id, path from categories where slug = :slug")
                .param("slug", node.slug())
                .query((rs, rowNum) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("path")))
                .single();
        if (node.isLeaf()) {
            leaves.add(new Leaf(stored.getKey(), node.name(), node.family()));
        }
        for (var child : node.children()) {
            insertCategory(child, stored.getKey(), stored.getValue(), depth + 1, now, leaves);
        }
    }

    record Seller(String email, String username, String fullName, String shopName) {}

    /** Inserts the sellers that do not exist yet (same password for all); returns the ids of all of them. */
    List<UUID> sellers(List<Seller> sellers, String passwordHash) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var ids = new ArrayList<UUID>();
        for (var seller : sellers) {
            jdbc.sql("""
                            insert into users (id, email, email_verified, password_hash, username, full_name, shop_name,
                                               seller, admin, created_at, updated_at)
                            values (:id, :email, true, :hash, :username, :fullName, :shopName, true, false, :now, :now)
                            on conflict do nothing""")
                    .param("id", Ids.newId())
                    .param("email", seller.email())
                    .param("hash", passwordHash)
                    .param("username", seller.username())
                    .param("fullName", seller.fullName())
                    .param("shopName", seller.shopName())
                    .param("now", now)
                    .update();
            ids.add(jdbc.sql("select id from users where lower(username) = lower(:username)")
                    .param("username", seller.username())
                    .query(UUID.class)
                    .single());
        }
        return ids;
    }

    /**
     * Generates {@code count} products, created over the {@code span} up to now, in chunks of 50 000 rows per
     * statement. About 93 % are ACTIVE, 4 % DRAFT, 3 % ARCHIVED; two in three have ratings.
     */
    void products(CatalogueWords words, List<Leaf> leaves, List<UUID> sellers, int count, Duration span, long seed) {
        var random = new Random(seed);
        var familyIndex = new LinkedHashMap<String, Integer>();
        var families = new ArrayList<Map<String, Object>>();
        for (var family : words.families().values()) {
            familyIndex.put(family.name(), families.size());
            families.add(Map.of(
                    "brands", family.brands(),
                    "models", family.models(),
                    "adjectives", family.adjectives(),
                    "variants", family.variants(),
                    "colors", family.colors(),
                    "features", family.features(),
                    "uses", family.uses()));
        }
        var leafNodes =
                words.leaves().stream().collect(Collectors.toMap(CatalogueWords.Node::name, node -> node, (a, b) -> a));
        var leafJson = new ArrayList<Map<String, Object>>();
        for (var leaf : leaves) {
            var node = leafNodes.get(leaf.name());
            var family = words.families().get(leaf.family());
            if (node == null || family == null) {
                throw new IllegalStateException("Unknown leaf or family: " + leaf);
            }
            leafJson.add(Map.of(
                    "family", familyIndex.get(family.name()),
                    "nouns", node.nouns(),
                    "price", node.medianPrice() == null ? family.medianPrice() : node.medianPrice()));
        }
        var wordsJson = json.writeValueAsString(Map.of("families", families, "leaves", leafJson));
        var leafSlots = zipfSlots(leaves.size(), 0.9, random);
        var sellerSlots = zipfSlots(sellers.size(), 0.8, random);
        var end = clock.instant();
        var start = end.minus(span);
        jdbc.sql("select setseed(:seed)")
                .param("seed", (seed % 1000) / 1000.0)
                .query()
                .singleRow();
        for (int first = 1; first <= count; first += CHUNK) {
            int last = Math.min(count, first + CHUNK - 1);
            jdbc.sql(PRODUCTS_SQL)
                    .param("words", wordsJson)
                    .param("leafSlots", intArray(leafSlots))
                    .param("sellerSlots", intArray(sellerSlots))
                    .param("leaves", uuidArray(leaves.stream().map(Leaf::id).toList()))
                    .param("sellers", uuidArray(sellers))
                    .param("first", first)
                    .param("last", last)
                    .param("count", count)
                    .param("start", start.atOffset(ZoneOffset.UTC))
                    .param("spanSeconds", (double) span.toSeconds())
                    .update();
            if (count > CHUNK) {
                log.info("Generated {} of {} products", last, count);
            }
        }
    }

    /**
     * Slots filled with item indexes (1-based, for SQL arrays) in proportion to a Zipf weight 1/rank^s over a random
     * ranking, every item getting at least one slot: a uniform pick of a slot is a skewed pick of an item.
     */
    static int[] zipfSlots(int items, double exponent, Random random) {
        var ranking = new ArrayList<Integer>();
        for (int i = 1; i <= items; i++) {
            ranking.add(i);
        }
        java.util.Collections.shuffle(ranking, random);
        double total = 0;
        for (int rank = 1; rank <= items; rank++) {
            total += 1 / Math.pow(rank, exponent);
        }
        var slots = new int[Math.max(SLOTS, items)];
        int next = 0;
        for (int rank = 1; rank <= items; rank++) {
            slots[next++] = ranking.get(rank - 1);
        }
        int spare = slots.length - items;
        double carried = 0;
        for (int rank = 1; rank <= items && next < slots.length; rank++) {
            carried += spare * (1 / Math.pow(rank, exponent)) / total;
            while (carried >= 1 && next < slots.length) {
                slots[next++] = ranking.get(rank - 1);
                carried -= 1;
            }
        }
        while (next < slots.length) {
            slots[next++] = ranking.get(0);
        }
        return slots;
    }

    private static String intArray(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static String pick(String family, String list) {
        return "(" + family + " -> '" + list + "' ->> floor(random() * jsonb_array_length(" + family + " -> '" + list
                + "'))::int)";
    }

    /** Another element than the one at {@code index} (when the list has more than one). */
    private static String pickOther(String family, String list, String index) {
        return "(" + family + " -> '" + list + "' ->> ((" + index + " + 1 + floor(random() * greatest(1, "
                + "jsonb_array_length(" + family + " -> '" + list + "') - 1))::int) % greatest(1, jsonb_array_length("
                + family + " -> '" + list + "'))))";
    }

    private static String index(String family, String list) {
        return "floor(random() * jsonb_array_length(" + family + " -> '" + list + "'))::int";
    }

    // One statement per chunk. The word lists and pick tables are cast once (CTE k); each row draws its leaf,
    // seller, words and numbers with random(). Box-Muller gives the normal draws (PostgreSQL 15 has no
    // random_normal). Ids are UUIDv7 of the creation time, like the application's.
    private static final String PRODUCTS_SQL = """
            with k as materialized (
                select cast(:words as jsonb) as j,
                       cast(:leafSlots as int[]) as leaf_slots,
                       cast(:sellerSlots as int[]) as seller_slots,
                       cast(:leaves as uuid[]) as leaves,
                       cast(:sellers as uuid[]) as sellers),
            pick as (
                select g,
                       k.j,
                       k.leaves,
                       k.leaf_slots[1 + floor(random() * cardinality(k.leaf_slots))::int] as leaf,
                       k.sellers[k.seller_slots[1 + floor(random() * cardinality(k.seller_slots))::int]] as seller_id,
                       cast(:start as timestamptz)
                           + make_interval(secs => (g - 1 + random()) / :count * :spanSeconds) as created_at
                from generate_series(cast(:first as int), cast(:last as int)) g, k),
            drawn as (
                select g, seller_id, created_at,
                       leaves[leaf] as category_id,
                       j -> 'leaves' -> (leaf - 1) as l,
                       j -> 'families' -> ((j -> 'leaves' -> (leaf - 1) ->> 'family')::int) as f
                from pick),
            indexed as (
                select drawn.*, %s as feature_index, %s as use_index, %s as adjective_index
                from drawn),
            words as (
                select g, seller_id, created_at, category_id, l, f,
                       %s as brand, %s as model, f -> 'adjectives' ->> adjective_index as adjective, %s as adjective2,
                       %s as noun, %s as variant, %s as color,
                       f -> 'features' ->> feature_index as feature1, %s as feature2,
                       f -> 'uses' ->> use_index as use1, %s as use2,
                       random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
                       sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as z1,
                       sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) as z2,
                       case when random() < 0.35 then 0 else 1 + floor(-ln(1 - random()) * 25)::int end as rating_count
                from indexed),
            made as (
                select g, seller_id, category_id, created_at,
                       concat_ws(' ', brand, case when r1 < 0.55 then model end,
                                 case when r2 < 0.45 then adjective end, noun,
                                 case when r3 < 0.6 then variant end, case when r4 < 0.45 then color end) as title,
                       case floor(r5 * 3)::int
                           when 0 then format('%%s %%s with %%s and %%s. %%s design%%s, ideal for %%s and %%s. '
                                                  || 'Ships from %%s within %%s days.',
                                              brand, lower(noun), feature1, feature2, adjective2,
                                              coalesce(' in ' || lower(color), ''), use1, use2,
                                              (array['Nairobi','Mombasa','Kisumu','Nakuru','Eldoret','Thika'])
                                                  [1 + floor(random() * 6)::int],
                                              1 + floor(random() * 5)::int)
                           when 1 then format('Genuine %%s %%s. Features %%s, %%s. Perfect for %%s. '
                                                  || '%%s warranty, delivered countrywide.',
                                              brand, lower(noun), feature1, feature2, use1,
                                              (array['6 month','1 year','2 year'])[1 + floor(random() * 3)::int])
                           else format('%%s from %%s: %%s, with %%s. Great for %%s, %%s and %%s.',
                                       adjective2, brand, lower(noun), feature1, use1, use2,
                                       coalesce(lower(color) || ' finish', 'everyday use'))
                       end as description,
                       greatest(2000, (l ->> 'price')::bigint * exp(0.55 * z1)) as raw_price,
                       z2, rating_count
                from words)
            insert into products (id, seller_id, category_id, title, description, price_amount, price_currency,
                                  on_hand, reserved, status, rating_average, rating_count, created_at, updated_at)
            select (lpad(to_hex((extract(epoch from created_at) * 1000)::bigint), 12, '0') || '7'
                        || substr(md5(random()::text), 1, 3)
                        || (array['8','9','a','b'])[1 + floor(random() * 4)::int]
                        || substr(md5(random()::text), 1, 15))::uuid,
                   seller_id, category_id, left(title, 200), description,
                   case when raw_price < 100000 then (round(raw_price / 500.0) * 500)::bigint
                        else (round(raw_price / 10000.0) * 10000)::bigint - 100 end,
                   'KES',
                   case when random() < 0.08 then 0 else 1 + floor(-ln(1 - random()) * 30)::int end,
                   0,
                   case when random() < 0.93 then 'ACTIVE' when random() < 0.57 then 'DRAFT' else 'ARCHIVED' end,
                   case when rating_count = 0 then 0 else round(least(5, greatest(1, 4.1 + 0.6 * z2))::numeric, 2) end,
                   rating_count,
                   created_at,
                   least(created_at + make_interval(days => floor(random() * 20)::int), now())
            from made
            """.formatted(
                    index("f", "features"),
                    index("f", "uses"),
                    index("f", "adjectives"),
                    pick("f", "brands"),
                    pick("f", "models"),
                    pickOther("f", "adjectives", "adjective_index"),
                    pick("l", "nouns"),
                    pick("f", "variants"),
                    pick("f", "colors"),
                    pickOther("f", "features", "feature_index"),
                    pickOther("f", "uses", "use_index"));
}
