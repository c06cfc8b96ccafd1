/**
 * Product search ({@code GET /api/v1/products}) in SQL: a full-text match ranked title first, widened by prefixes and
 * by spelling corrections from a term dictionary; keyset cursors for every sort. The SQL and the indexes that serve it
 * ({@code V7__catalog_search.sql}) belong together.
 */
@NullMarked
package com.betanet.marketplace.catalog.search;

import org.jspecify.annotations.NullMarked;
