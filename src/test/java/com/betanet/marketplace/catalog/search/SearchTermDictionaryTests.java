package com.betanet.marketplace.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogFixtures;
import com.betanet.marketplace.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The term dictionary behind prefix and typo matching: kept by triggers, recounted by the refresh. */
@IntegrationTest
class SearchTermDictionaryTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    SearchTermsRefresher refresher;

    @Test
    void concurrentProductsWithTheSameNewWordsNeitherDeadlockNorLoseWords() throws Exception {
        var catalog = new CatalogFixtures(jdbc);
        var seller = Accounts.seller(new Api(port));
        var category = catalog.category("Concurrent", null);
        var words = new ArrayList<String>();
        for (int i = 0; i < 12; i++) {
            words.add("zqw" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
        }
        var tasks = new ArrayList<Callable<UUID>>();
        for (int t = 0; t < 8; t++) {
            var shuffled = new ArrayList<>(words);
            Collections.shuffle(shuffled);
            tasks.add(() -> transactions.execute(status -> {
                var id = catalog.product(seller.id(), category, String.join(" ", shuffled.subList(0, 6)))
                        .description(String.join(" ", shuffled.subList(6, 12)))
                        .insert();
                // hold the new words a moment, so that the transactions overlap
                jdbc.sql("select pg_sleep(0.05)").query().singleRow();
                return id;
            }));
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (var future : pool.invokeAll(tasks)) {
                assertThat(future.get()).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(terms(words)).containsExactlyInAnyOrderElementsOf(words);
    }

    @Test
    void addsTheWordsOfEditedAndActivatedProductsAndRecountsThemOnRefresh() {
        var catalog = new CatalogFixtures(jdbc);
        var seller = Accounts.seller(new Api(port));
        var category = catalog.category("Dictionary", null);
        var draftWord = unique("draftword");
        var editedWord = unique("editedword");
        var keptWord = unique("keptword");
        var draft = catalog.product(seller.id(), category, "Hidden " + draftWord)
                .status("DRAFT")
                .insert();
        var active = catalog.product(seller.id(), category, "Shown " + keptWord).insert();
        catalog.product(seller.id(), category, "Also " + keptWord).insert();
        assertThat(terms(List.of(draftWord))).isEmpty();

        jdbc.sql("update products set status = 'ACTIVE' where id = :id")
                .param("id", draft)
                .update();
        jdbc.sql("update products set title = :title where id = :id")
                .param("title", "Shown " + keptWord + " " + editedWord)
                .param("id", active)
                .update();
        assertThat(terms(List.of(draftWord, editedWord))).containsExactlyInAnyOrder(draftWord, editedWord);

        refresher.refresh();
        assertThat(documents(keptWord)).isEqualTo(2);
        assertThat(documents(editedWord)).isEqualTo(1);

        // archived: kept through one refresh (it might be a word committed just after the recount), gone after two
        jdbc.sql("update products set status = 'ARCHIVED' where id = :id")
                .param("id", draft)
                .update();
        refresher.refresh();
        assertThat(terms(List.of(draftWord))).containsExactly(draftWord);
        refresher.refresh();
        assertThat(terms(List.of(draftWord))).isEmpty();
        assertThat(terms(List.of(keptWord))).containsExactly(keptWord);
    }

    private List<String> terms(List<String> words) {
        return jdbc.sql("select term from product_search_terms where term = any(cast(:words as text[]))")
                .param("words", "{" + String.join(",", words) + "}")
                .query(String.class)
                .list();
    }

    private int documents(String word) {
        return jdbc.sql("select doc_count from product_search_terms where term = :word")
                .param("word", word)
                .query(Integer.class)
                .single();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
