package com.betanet.marketplace.catalog.search;

/**
 * The one place search turns a stored media key into the URL clients fetch.
 *
 * <p>TODO(after the media module is merged): delegate to {@code MediaService.url(key)}.
 */
final class MediaUrls {

    private MediaUrls() {}

    static String of(String key) {
        return "/media/" + key;
    }
}
