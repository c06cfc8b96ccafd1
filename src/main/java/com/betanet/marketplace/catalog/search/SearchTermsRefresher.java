package com.betanet.marketplace.catalog.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recounts the term dictionary now and then ({@code catalog_refresh_search_terms()}): new words enter it as products
 * are written, but their counts, and words no active product uses any more, are settled here. One node does it at a
 * time (a transaction-scoped advisory lock); on a million products it takes a few seconds of database time.
 */
@Component
class SearchTermsRefresher {

    private static final Logger log = LoggerFactory.getLogger(SearchTermsRefresher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SearchTermsRefresher(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Scheduled(
            initialDelayString = "${marketplace.catalog.search-terms-refresh:PT6H}",
            fixedDelayString = "${marketplace.catalog.search-terms-refresh:PT6H}")
    void refresh() {
        transactions.executeWithoutResult(status -> {
            var locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtext('catalog.search.terms'))")
                    .query(Boolean.class)
                    .single();
            if (Boolean.TRUE.equals(locked)) {
                long started = System.nanoTime();
                jdbc.sql("select catalog_refresh_search_terms()").query().singleRow();
                log.info("Search term dictionary refreshed in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        });
    }
}
