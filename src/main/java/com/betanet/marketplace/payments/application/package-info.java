/** Creating payments, settling what providers report (one path for real and simulated callbacks), refunds, jobs. */
@NullMarked
package com.betanet.marketplace.payments.application;

import org.jspecify.annotations.NullMarked;
