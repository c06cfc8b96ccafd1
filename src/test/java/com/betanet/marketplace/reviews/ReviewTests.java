package com.betanet.marketplace.reviews;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.media.TestImages;
import com.betanet.marketplace.ordering.UserSummaryAssertions;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.PaymentFixtures;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class ReviewTests extends HttpTest {

    @Autowired
    CatalogApi catalog;

    @Autowired
    TransactionTemplate transactions;

    Accounts.Session seller;
    UUID item;

    @BeforeEach
    void aProduct() {
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        seller = Accounts.seller(api);
        item = product(api, seller, categoryId, 1_000, 50);
    }

    /** A buyer whose order of the product was delivered. */
    private Accounts.Session verifiedBuyer() {
        var own = api.fromAnotherIp();
        var buyer = Accounts.buyer(own);
        addToCart(own, buyer, item, 1);
        var checkout = checkedOut(own, buyer);
        PaymentFixtures.paid(own, buyer, checkout);
        var orderId = checkout.get("orders").get(0).get("id").asString();
        for (var status : new String[] {"SHIPPED", "DELIVERED"}) {
            var response = own.post("/api/v1/orders/" + orderId + "/status")
                    .bearer(seller.accessToken())
                    .json(Map.of("status", status))
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        return buyer;
    }

    private Api.Response review(Accounts.Session who, int rating) {
        return api.post("/api/v1/products/" + item + "/reviews")
                .bearer(who.accessToken())
                .json(Map.of("rating", rating, "comment", "Rated " + rating))
                .send();
    }

    @Test
    void onlyVerifiedBuyersReviewOnceAndTheAverageIsExact() {
        var stranger = Accounts.buyer(api);
        var refused = review(stranger, 5);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("not_a_verified_buyer");
        // an unpaid order is not enough either
        addToCart(api, stranger, item, 1);
        checkedOut(api, stranger);
        assertThat(review(stranger, 5).code()).isEqualTo("not_a_verified_buyer");

        int[] ratings = {5, 4, 4, 1, 5, 2};
        for (int rating : ratings) {
            var response = review(verifiedBuyer(), rating);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
        }
        var product = api.get("/api/v1/products/" + item).send().json();
        assertThat(product.get("rating").get("count").asInt()).isEqualTo(6);
        // 21 / 6 = 3.5 exactly
        assertThat(product.get("rating").get("average").decimalValue()).isEqualByComparingTo("3.50");

        var buyer = verifiedBuyer();
        assertThat(review(buyer, 2).status()).isEqualTo(201);
        var again = review(buyer, 1);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("already_reviewed");
        product = api.get("/api/v1/products/" + item).send().json();
        assertThat(product.get("rating").get("count").asInt()).isEqualTo(7);
        // 23 / 7 = 3.2857… → 3.29
        assertThat(product.get("rating").get("average").decimalValue()).isEqualByComparingTo("3.29");

        var list =
                api.get("/api/v1/products/" + item + "/reviews?limit=5").send().json();
        assertThat(list.get("items").size()).isEqualTo(5);
        assertThat(list.get("items").get(0).get("author").get("username").asString())
                .isEqualTo(buyer.username());
        var rest = api.get("/api/v1/products/" + item + "/reviews?cursor="
                        + list.get("nextCursor").asString())
                .send()
                .json();
        assertThat(rest.get("items").size()).isEqualTo(2);

        // the cursor continues this product's reviews only
        var other = product(api, seller, CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api)), 500, 5);
        var foreign = api.get("/api/v1/products/" + other + "/reviews?cursor="
                        + list.get("nextCursor").asString())
                .send();
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        assertThat(foreign.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
    }

    @Test
    void aProductRatedBeforeItsFirstReviewHereKeepsThoseRatings() {
        // a catalogue rated elsewhere (imported, or the demo's generated one): 23 ratings averaging 4.10
        transactions.executeWithoutResult(status -> catalog.setRating(item, 94, 23));
        assertThat(api.get("/api/v1/products/" + item)
                        .send()
                        .json()
                        .get("rating")
                        .get("count")
                        .asInt())
                .isEqualTo(23);

        assertThat(review(verifiedBuyer(), 1).status()).isEqualTo(201);
        assertThat(review(verifiedBuyer(), 5).status()).isEqualTo(201);

        var rating = api.get("/api/v1/products/" + item).send().json().get("rating");
        assertThat(rating.get("count").asInt()).isEqualTo(25);
        // (94 + 1 + 5) / 25 = 4.00
        assertThat(rating.get("average").decimalValue()).isEqualByComparingTo("4.00");
    }

    @Test
    void badReviewsAre400AndStoreNothing() {
        var buyer = verifiedBuyer();
        for (var body : java.util.List.<Object>of(
                Map.of("rating", 0, "comment", "x"),
                Map.of("rating", 6, "comment", "x"),
                Map.of(
                        "rating",
                        3,
                        "comment",
                        "x",
                        "authorId",
                        UUID.randomUUID().toString()),
                Map.of("rating", "five", "comment", "x"),
                Map.of("comment", "x"),
                Map.of("rating", 3, "comment", "x".repeat(2001)))) {
            var response = api.post("/api/v1/products/" + item + "/reviews")
                    .bearer(buyer.accessToken())
                    .json(body)
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
        }
        assertThat(api.post("/api/v1/products/garbage/reviews")
                        .bearer(buyer.accessToken())
                        .json(Map.of("rating", 3, "comment", "x"))
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/products/" + item + "/reviews")
                        .send()
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void theAuthorIsAUserSummaryWithFullNameAndAvatar() {
        var withAvatar = verifiedBuyer();
        var avatarUrl = uploadAvatar(withAvatar);
        var plain = verifiedBuyer();

        var posted = review(withAvatar, 4);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        UserSummaryAssertions.assertSummary(posted.json().get("author"), withAvatar, avatarUrl);
        assertThat(review(plain, 3).status()).isEqualTo(201);

        var items =
                api.get("/api/v1/products/" + item + "/reviews").send().json().get("items");
        assertThat(items.size()).isEqualTo(2);
        // newest first: plain, then the one with an avatar
        UserSummaryAssertions.assertSummary(items.get(0).get("author"), plain, null);
        UserSummaryAssertions.assertSummary(items.get(1).get("author"), withAvatar, avatarUrl);
    }

    private String uploadAvatar(Accounts.Session who) {
        var response = api.put("/api/v1/users/me/avatar")
                .bearer(who.accessToken())
                .multipart("file", "me.jpg", "image/jpeg", TestImages.jpeg(120, 120))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("avatarUrl").asString();
    }
}
