/** Serves stored media objects under {@code /media/**}. */
@NullMarked
package com.betanet.marketplace.media.web;

import org.jspecify.annotations.NullMarked;
