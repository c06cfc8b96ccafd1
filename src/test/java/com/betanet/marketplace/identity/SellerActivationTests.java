package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SellerActivationTests extends HttpTest {

    @Test
    void activatesSellingWithTokensThatAlreadyCarrySeller() {
        var buyer = Accounts.buyer(api);
        assertThat(claims(buyer.accessToken()).get("roles").toString()).isEqualTo("[\"BUYER\"]");

        var response = becomeSeller(buyer.accessToken(), Map.of("shopName", "  Mama Mboga's Greens  "));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var session = Accounts.session(response.json());
        assertThat(response.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(claims(session.accessToken()).get("roles").toString()).isEqualTo("[\"BUYER\",\"SELLER\"]");
        assertThat(response.json().get("user").get("roles").toString()).isEqualTo("[\"BUYER\",\"SELLER\"]");
        var me = me(session.accessToken());
        assertThat(me.get("roles").toString()).isEqualTo("[\"BUYER\",\"SELLER\"]");
        assertThat(me.get("shopName").asString()).isEqualTo("Mama Mboga's Greens");

        var refreshed = api.post("/api/v1/auth/refresh")
                .json(Map.of("refreshToken", session.refreshToken()))
                .send();
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(claims(refreshed.json().get("accessToken").asString())
                        .get("roles")
                        .toString())
                .contains("SELLER");
    }

    @Test
    void activatingAgainChangesNothingAndStillReturnsFreshTokens() {
        var seller = Accounts.seller(api);
        var shopName = me(seller.accessToken()).get("shopName").asString();

        var response = becomeSeller(seller.accessToken(), Map.of("shopName", "Another Name"));

        assertThat(response.status()).isEqualTo(200);
        var session = Accounts.session(response.json());
        assertThat(session.refreshToken()).isNotEqualTo(seller.refreshToken());
        assertThat(claims(session.accessToken()).get("roles").toString()).contains("SELLER");
        assertThat(me(session.accessToken()).get("shopName").asString()).isEqualTo(shopName);
    }

    @Test
    void refusesABadShopNameAndStaysABuyer() {
        var buyer = Accounts.buyer(api);
        for (var body : new Object[] {
            Map.of(),
            Map.of("shopName", "   "),
            Map.of("shopName", "Shop 🛒"),
            Map.of("shopName", "Shop\u0000Name"),
            Map.of("shopName", "x".repeat(10_000)),
            Map.of("shopName", List.of("Shop")),
            Map.of("shopName", "Fine Shop", "roles", "ADMIN")
        }) {
            var response = becomeSeller(buyer.accessToken(), body);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        var me = me(buyer.accessToken());
        assertThat(me.get("roles").toString()).isEqualTo("[\"BUYER\"]");
        assertThat(me.get("shopName").isNull()).isTrue();
    }

    @Test
    void needsASignedInCaller() {
        assertThat(api.post("/api/v1/users/me/roles/seller")
                        .json(Map.of("shopName", "Shop"))
                        .send()
                        .status())
                .isEqualTo(401);
    }

    private Api.Response becomeSeller(String accessToken, Object body) {
        return api.post("/api/v1/users/me/roles/seller")
                .bearer(accessToken)
                .json(body)
                .send();
    }

    private JsonNode me(String accessToken) {
        var response = api.get("/api/v1/users/me").bearer(accessToken).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The JWT's payload, decoded (the signature is the server's business; here we read what it claims). */
    private static JsonNode claims(String jwt) {
        var payload = jwt.split("\\.")[1];
        return Api.JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }
}
