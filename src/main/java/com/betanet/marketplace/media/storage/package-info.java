/** The storage port for media objects and its adapters (local disk, S3), chosen by configuration. */
@NullMarked
package com.betanet.marketplace.media.storage;

import org.jspecify.annotations.NullMarked;
