package com.betanet.marketplace.reviews.internal;

import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.identity.UserDirectory;
import com.betanet.marketplace.ordering.OrderingApi;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Posting and listing reviews; a new review updates the product's rating in the same transaction. */
@Service
class ReviewService {

    /** The contract's {@code UserSummary}; the fields are null only if the account row were ever gone. */
    record Author(
            UUID id,
            @Nullable String username,
            @Nullable String fullName,
            @Nullable String avatarUrl) {
        static Author of(UUID id, UserDirectory.@Nullable UserSummary user) {
            return user == null
                    ? new Author(id, null, null, null)
                    : new Author(id, user.username(), user.fullName(), user.avatarUrl());
        }
    }

    record ReviewView(UUID id, int rating, String comment, Author author, Instant createdAt) {}

    record ListCursor(
            @Nullable UUID productId,
            @Nullable Instant createdAt,
            @Nullable UUID id) {}

    private final JdbcClient jdbc;
    private final CatalogApi catalog;
    private final OrderingApi ordering;
    private final UserDirectory users;
    private final CursorCodec cursors;
    private final Clock clock;

    ReviewService(
            JdbcClient jdbc,
            CatalogApi catalog,
            OrderingApi ordering,
            UserDirectory users,
            CursorCodec cursors,
            Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.ordering = ordering;
        this.users = users;
        this.cursors = cursors;
        this.clock = clock;
    }

    @Transactional
    ReviewView post(UUID authorId, UUID productId, int rating, String comment) {
        catalog.product(productId)
                .filter(product -> product.status().isVisibleToBuyers())
                .orElseThrow(() -> ApiException.notFound("Product"));
        if (!ordering.hasReceived(authorId, productId)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "not_a_verified_buyer",
                    "Only buyers who received this product may review it");
        }
        var id = Ids.newId();
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int inserted = jdbc.sql("""
                        insert into reviews (id, product_id, author_id, rating, comment, created_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (product_id, author_id) do nothing""")
                .params(id, productId, authorId, rating, comment.strip(), Timestamp.from(now))
                .update();
        if (inserted == 0) {
            throw ApiException.conflict("already_reviewed", "You have already reviewed this product");
        }
        // The first review's totals start from the rating the product already shows: none when every rating came from
        // reviews here, the earlier ratings of a catalogue rated elsewhere (imported, or the demo's), which one new
        // review must not wipe out.
        var shown = catalog.rating(productId).orElseThrow(() -> ApiException.notFound("Product"));
        long shownSum = shown.average()
                .multiply(BigDecimal.valueOf(shown.count()))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        record Totals(long sum, int count) {}
        var totals = jdbc.sql("""
                        insert into review_totals (product_id, rating_sum, rating_count)
                        values (:product, :shownSum + :rating, :shownCount + 1)
                        on conflict (product_id) do update
                           set rating_sum = review_totals.rating_sum + :rating,
                               rating_count = review_totals.rating_count + 1
                        returning rating_sum, rating_count""")
                .param("product", productId)
                .param("rating", rating)
                .param("shownSum", shownSum)
                .param("shownCount", shown.count())
                .query((rs, n) -> new Totals(rs.getLong("rating_sum"), rs.getInt("rating_count")))
                .single();
        catalog.setRating(productId, totals.sum(), totals.count());
        var author = users.summaries(List.of(authorId)).get(authorId);
        return new ReviewView(id, rating, comment.strip(), Author.of(authorId, author), now);
    }

    @Transactional(readOnly = true)
    Page<ReviewView> list(UUID productId, PageRequest page) {
        catalog.product(productId)
                .filter(product -> product.status().isVisibleToBuyers())
                .orElseThrow(() -> ApiException.notFound("Product"));
        var after = cursors.decodeFor(
                page.cursor(),
                ListCursor.class,
                position -> productId.equals(position.productId())
                        && position.createdAt() != null
                        && position.id() != null);
        record Row(UUID id, int rating, String comment, UUID authorId, Instant createdAt) {}
        var sql = "select id, rating, comment, author_id, created_at from reviews where product_id = :product"
                + (after == null ? "" : " and (created_at, id) < (:afterTime, :afterId)")
                + " order by created_at desc, id desc limit :fetch";
        var query = jdbc.sql(sql).param("product", productId).param("fetch", page.fetchSize());
        if (after != null) {
            query = query.param("afterTime", Timestamp.from(Objects.requireNonNull(after.createdAt())))
                    .param("afterId", after.id());
        }
        var rows = query.query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getInt("rating"),
                        rs.getString("comment"),
                        rs.getObject("author_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        var rowPage = Page.of(
                rows, page.limit(), row -> cursors.encode(new ListCursor(productId, row.createdAt(), row.id())));
        var directory = users.summaries(
                rowPage.items().stream().map(Row::authorId).distinct().toList());
        List<ReviewView> items = rowPage.items().stream()
                .map(row -> {
                    var author = directory.get(row.authorId());
                    return new ReviewView(
                            row.id(), row.rating(), row.comment(), Author.of(row.authorId(), author), row.createdAt());
                })
                .toList();
        return new Page<>(items, rowPage.nextCursor());
    }
}
