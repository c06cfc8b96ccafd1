package com.betanet.marketplace.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The contract's {@code UserSummary} as orders and reviews show a person: exactly its four fields. */
public final class UserSummaryAssertions {

    private UserSummaryAssertions() {}

    public static void assertSummary(JsonNode author, Accounts.Session who, @Nullable String avatarUrl) {
        var names = new java.util.HashSet<String>();
        author.propertyNames().forEach(names::add);
        assertThat(names).containsExactlyInAnyOrder("id", "username", "fullName", "avatarUrl");
        assertThat(author.get("id").asString()).isEqualTo(who.id().toString());
        assertThat(author.get("username").asString()).isEqualTo(who.username());
        assertThat(author.get("fullName").asString()).isEqualTo("Test User");
        if (avatarUrl == null) {
            assertThat(author.get("avatarUrl").isNull()).isTrue();
        } else {
            assertThat(author.get("avatarUrl").asString()).isEqualTo(avatarUrl).startsWith("/media/avatars/");
        }
    }
}
