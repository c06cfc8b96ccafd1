package com.betanet.marketplace.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The generator on the shared test database, inside a transaction that is rolled back. */
@IntegrationTest
class CatalogueGeneratorTests {

    @Autowired
    CatalogueGenerator generator;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void generatesRealisticProductsForTheCategoryTree() {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            var words = CatalogueWords.load();
            var leaves = generator.categories(words);
            var sellers = generator.sellers(DemoCatalogSeeder.sellers(6), "{noop}unused");
            assertThat(leaves).hasSize(words.leaves().size());
            assertThat(sellers).hasSize(6).doesNotHaveDuplicates();

            generator.products(words, leaves, sellers, 3000, Duration.ofDays(30), 7);

            var products = jdbc.sql("select count(*) from products where seller_id = any(cast(:ids as uuid[]))")
                    .param(
                            "ids",
                            sellers.stream()
                                    .map(UUID::toString)
                                    .toList()
                                    .toString()
                                    .replace("[", "{")
                                    .replace("]", "}")
                                    .replace(" ", ""))
                    .query(Long.class)
                    .single();
            assertThat(products).isEqualTo(3000);
            var stats = jdbc.sql("""
                            select count(*) filter (where status = 'ACTIVE') as active,
                                   count(distinct category_id) as categories,
                                   min(price_amount) as cheapest, max(price_amount) as dearest,
                                   count(*) filter (where rating_count > 0) as rated,
                                   max(rating_average) as best, min(length(title)) as shortest_title
                            from products p
                            where p.category_id in (select id from categories where slug = any(cast(:slugs as text[])))""")
                    .param(
                            "slugs",
                            "{"
                                    + String.join(
                                            ",",
                                            words.leaves().stream()
                                                    .map(CatalogueWords.Node::slug)
                                                    .toList()) + "}")
                    .query((rs, rowNum) -> new long[] {
                        rs.getLong("active"),
                        rs.getLong("categories"),
                        rs.getLong("cheapest"),
                        rs.getLong("dearest"),
                        rs.getLong("rated"),
                        rs.getBigDecimal("best").movePointRight(2).longValue(),
                        rs.getLong("shortest_title")
                    })
                    .single();
            assertThat(stats[0]).isBetween(2600L, 2950L); // ~93 % active
            assertThat(stats[1]).isGreaterThan(100); // spread over the tree
            assertThat(stats[2]).isPositive();
            assertThat(stats[3]).isGreaterThan(100 * stats[2]); // log-normal around very different medians
            assertThat(stats[4]).isBetween(1500L, 2400L); // about two in three rated
            assertThat(stats[5]).isLessThanOrEqualTo(500);
            assertThat(stats[6]).isGreaterThan(5);
            // the new words are in the term dictionary at once
            assertThat(jdbc.sql("select count(*) from product_search_terms where term in ('warranty', 'ships')")
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
        });
    }
}
