package com.betanet.marketplace.catalog.demo;

import com.betanet.marketplace.media.ImagePurpose;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.shared.Ids;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With the {@code demo} profile, fills an empty catalogue at start-up: the category tree, a few sellers with known
 * logins, a few thousand products, pictures for the newest ones. Does nothing when products exist, so restarts keep
 * what is there; an advisory lock keeps two nodes starting together from both seeding. The benchmark uses the same
 * seeder with a million products and thousands of sellers.
 */
@Component
@Profile("demo")
class DemoCatalogSeeder implements ApplicationRunner {

    /** The password of every demo and benchmark account. */
    static final String PASSWORD = "betanet-demo";

    static final List<CatalogueGenerator.Seller> DEMO_SELLERS = List.of(
            new CatalogueGenerator.Seller(
                    "amani@demo.betanet.test", "amani_electronics", "Amani Otieno", "Amani Electronics"),
            new CatalogueGenerator.Seller(
                    "wanjiru@demo.betanet.test", "wanjiru_fashion", "Wanjiru Kamau", "Wanjiru Fashion House"),
            new CatalogueGenerator.Seller(
                    "baraka@demo.betanet.test", "baraka_home", "Baraka Mwangi", "Baraka Home & Living"),
            new CatalogueGenerator.Seller(
                    "zawadi@demo.betanet.test", "zawadi_market", "Zawadi Achieng", "Zawadi Market"));

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogSeeder.class);
    private static final List<String> FIRST_NAMES = List.of(
            "Achieng",
            "Baraka",
            "Chebet",
            "Wanjiku",
            "Kamau",
            "Njeri",
            "Otieno",
            "Akinyi",
            "Mutua",
            "Wekesa",
            "Nyambura",
            "Kiprono",
            "Auma",
            "Omondi",
            "Muthoni",
            "Kariuki",
            "Jelimo",
            "Ochieng",
            "Wambui",
            "Kibet");
    private static final List<String> SHOP_WORDS = List.of(
            "Traders",
            "Enterprises",
            "Store",
            "Mart",
            "Collections",
            "Hub",
            "Outlet",
            "Emporium",
            "Bazaar",
            "Supplies");

    private final CatalogueGenerator generator;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PasswordEncoder passwords;
    private final MediaService media;
    private final Clock clock;
    private final int productCount;
    private final int sellerCount;
    private final int pictureCount;
    private final Duration span;

    DemoCatalogSeeder(
            CatalogueGenerator generator,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            PasswordEncoder passwords,
            MediaService media,
            Clock clock,
            @Value("${marketplace.demo.products:3000}") int productCount,
            @Value("${marketplace.demo.sellers:4}") int sellerCount,
            @Value("${marketplace.demo.pictures:40}") int pictureCount,
            @Value("${marketplace.demo.span:120d}") Duration span) {
        this.generator = generator;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.passwords = passwords;
        this.media = media;
        this.clock = clock;
        this.productCount = productCount;
        this.sellerCount = sellerCount;
        this.pictureCount = pictureCount;
        this.span = span;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        var seeded = transactions.execute(status -> seedIfEmpty());
        if (Boolean.TRUE.equals(seeded)) {
            // A bulk load leaves the visibility map unset (no index-only scans) and the GIN pending list full.
            jdbc.sql("vacuum (analyze) products").update();
            jdbc.sql("select catalog_refresh_search_terms()").query().singleRow();
            jdbc.sql("analyze product_search_terms").update();
            log.info(
                    "Demo catalogue ready: {} products, {} sellers in {} s; sellers sign in with {} / {}",
                    productCount,
                    sellerCount,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    DEMO_SELLERS.get(0).email(),
                    PASSWORD);
        }
    }

    private boolean seedIfEmpty() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('catalog.demo.seed'))")
                .query()
                .singleRow();
        if (jdbc.sql("select exists (select 1 from products)")
                .query(Boolean.class)
                .single()) {
            log.info("Demo catalogue: products exist, nothing seeded");
            return false;
        }
        var words = CatalogueWords.load();
        log.info("Seeding the demo catalogue: {} products, {} sellers", productCount, sellerCount);
        var leaves = generator.categories(words);
        var sellerIds = generator.sellers(sellers(sellerCount), passwords.encode(PASSWORD));
        generator.products(words, leaves, sellerIds, productCount, span, 20261127L);
        pictures(words);
        return true;
    }

    static List<CatalogueGenerator.Seller> sellers(int count) {
        var sellers = new ArrayList<>(DEMO_SELLERS.subList(0, Math.min(count, DEMO_SELLERS.size())));
        for (int n = sellers.size() + 1; n <= count; n++) {
            var name = FIRST_NAMES.get(n % FIRST_NAMES.size());
            var surname = FIRST_NAMES.get((n / FIRST_NAMES.size()) % FIRST_NAMES.size());
            var username = "shop%04d".formatted(n);
            sellers.add(new CatalogueGenerator.Seller(
                    username + "@bench.betanet.test",
                    username,
                    name + " " + surname,
                    name + " " + SHOP_WORDS.get(n % SHOP_WORDS.size()) + " " + n));
        }
        return sellers;
    }

    /**
     * Pictures for the newest active products, one or two each, drawn here and stored through the media module like
     * an upload (checked, re-encoded, thumbnailed).
     */
    private void pictures(CatalogueWords words) {
        if (pictureCount <= 0) {
            log.info("Demo catalogue: pictures switched off, products have no images");
            return;
        }
        record Target(UUID id, String title, String category, String family) {}
        var familyOf = new java.util.HashMap<String, String>();
        words.leaves().forEach(leaf -> familyOf.put(leaf.name(), String.valueOf(leaf.family())));
        var targets = jdbc.sql("""
                        select p.id, p.title, c.name
                        from products p join categories c on c.id = p.category_id
                        where p.status = 'ACTIVE'
                        order by p.created_at desc, p.id desc
                        limit :count""")
                .param("count", pictureCount)
                .query((rs, rowNum) -> new Target(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getString("name"),
                        familyOf.getOrDefault(rs.getString("name"), rs.getString("name"))))
                .list();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int stored = 0;
        for (var target : targets) {
            var titleWords = target.title().split(" ");
            int pictures = 1 + Math.floorMod(target.id().hashCode(), 2);
            for (int position = 0; position < pictures; position++) {
                var png = ProductCardPainter.paint(titleWords[0], target.category(), target.family(), position);
                var saved = media.storeImage(new ByteArrayInputStream(png), ImagePurpose.PRODUCT);
                jdbc.sql("""
                                insert into product_images (id, product_id, image_key, thumbnail_key, position, created_at)
                                values (:id, :productId, :key, :thumbnailKey, :position, :now)""")
                        .param("id", Ids.newId())
                        .param("productId", target.id())
                        .param("key", saved.key())
                        .param("thumbnailKey", saved.thumbnailKey())
                        .param("position", position)
                        .param("now", now)
                        .update();
                stored++;
            }
        }
        log.info("Demo catalogue: {} pictures stored", stored);
    }
}
