/**
 * Demo and benchmark data: a living catalogue for a first run ({@code demo} profile) and the million-product
 * generator of the benchmark, both made from the word lists in {@code catalog/demo/catalogue.txt}.
 */
@NullMarked
package com.betanet.marketplace.catalog.demo;

import org.jspecify.annotations.NullMarked;
