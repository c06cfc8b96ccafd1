package com.betanet.marketplace.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** The contract's lists ({@code {items, nextCursor}}) as tests read them. */
public final class Pages {

    private Pages() {}

    /** The ids of a list response's items, in order; the response must be 200. */
    public static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        var ids = new ArrayList<String>();
        page.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    /** A list walked to its end: every id in order, and the cursor each page (but the last) handed on. */
    public record Walk(List<String> ids, List<String> cursors) {}

    /**
     * Walks {@code pathAndQuery} (which holds a {@code ?}) page by page with {@code who}'s token, following
     * {@code nextCursor}; at most 20 pages.
     */
    public static Walk walk(Api api, Accounts.Session who, String pathAndQuery) {
        var ids = new ArrayList<String>();
        var cursors = new ArrayList<String>();
        String cursor = null;
        do {
            var page = api.get(pathAndQuery + (cursor == null ? "" : "&cursor=" + cursor))
                    .bearer(who.accessToken())
                    .send();
            ids.addAll(ids(page));
            var next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            if (cursor != null) {
                cursors.add(cursor);
            }
        } while (cursor != null && cursors.size() < 20);
        return new Walk(ids, cursors);
    }
}
