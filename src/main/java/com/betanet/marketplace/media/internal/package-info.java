/** Image intake (sniffing, limits, decoding, re-encoding, thumbnails) and the {@code MediaService} implementation. */
@NullMarked
package com.betanet.marketplace.media.internal;

import org.jspecify.annotations.NullMarked;
