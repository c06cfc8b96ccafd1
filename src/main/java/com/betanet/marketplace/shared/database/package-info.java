@NullMarked
package com.betanet.marketplace.shared.database;

import org.jspecify.annotations.NullMarked;
