package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.HttpTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class UserSearchTests extends HttpTest {

    @Autowired
    UserRepository users;

    Accounts.Session searcher;

    @BeforeEach
    void setUp() {
        searcher = Accounts.buyer(api);
    }

    @Test
    void findsPeopleByUsernamePrefixWithoutShowingEmails() {
        var tag = letters(8);
        var alice = person("alice_" + tag, "Alice " + capitalised(tag));
        var alicia = person("alicia_" + tag, "Alicia Mwangi");
        var bob = person("bob_" + tag, "Bob " + capitalised(tag));

        var found = walk("ali", 100);

        var usernames =
                found.stream().map(item -> item.get("username").asString()).toList();
        assertThat(usernames).contains(alice.username(), alicia.username()).doesNotContain(bob.username());
        for (var item : found) {
            var names = new HashSet<String>();
            item.propertyNames().forEach(names::add);
            assertThat(names).containsExactlyInAnyOrder("id", "username", "fullName", "avatarUrl");
            assertThat(item.toString()).doesNotContain("@");
        }
    }

    @Test
    void findsPeopleByNamePrefixAndDespiteTypos() {
        var tag = letters(8);
        var alice = person("alice_" + tag, "Alice " + capitalised(tag));
        var bob = person("bob_" + tag, "Bob " + capitalised(tag));
        var typo = tag.substring(0, 7) + (tag.charAt(7) == 'z' ? 'y' : 'z');

        var byTypo = usernames(search(typo, 100));
        assertThat(byTypo).contains(alice.username(), bob.username());

        var bySurnamePrefix = usernames(search(tag.substring(0, 5), 100));
        assertThat(bySurnamePrefix).contains(alice.username(), bob.username());
    }

    @Test
    void putsTheBestMatchFirst() {
        var tag = letters(8);
        var exact = person("carol_" + tag, "Carol Wanjiru");
        person("carol_" + tag + "_2", "Carol Two");
        person("x" + tag, "Carol " + capitalised(tag));

        var items = search("carol_" + tag, 10).get("items");

        assertThat(items.get(0).get("username").asString()).isEqualTo(exact.username());
    }

    @Test
    void paginatesEveryMatchExactlyOnce() {
        var prefix = "pg" + letters(6);
        var expected = new HashSet<String>();
        for (int i = 0; i < 7; i++) {
            expected.add(person(prefix + "_" + i, "Page Person").username());
        }

        var found = usernames(walk(prefix, 2));

        assertThat(found).doesNotHaveDuplicates();
        assertThat(found).containsAll(expected);
    }

    @Test
    void leavesSuspendedPeopleOut() {
        var tag = letters(8);
        var visible = person("dan_" + tag, "Dan " + capitalised(tag));
        var suspended = person("dana_" + tag, "Dana " + capitalised(tag));
        var user = users.findById(suspended.id()).orElseThrow();
        user.suspend(Instant.now());
        users.save(user);

        var found = usernames(search("dan", 100));
        var byTag = usernames(search(tag, 100));

        assertThat(byTag).contains(visible.username()).doesNotContain(suspended.username());
        assertThat(found).doesNotContain(suspended.username());
    }

    @Test
    void validatesTheQueryAndThePage() {
        for (var query : List.of(
                "",
                "q=",
                "q=%20%20",
                "q=" + "a".repeat(101),
                "q=a&limit=0",
                "q=a&limit=101",
                "q=a&limit=x",
                "q=a&cursor=forged.cursor",
                "q=a%00b")) {
            var response = api.get("/api/v1/users/search?" + query)
                    .bearer(searcher.accessToken())
                    .send();
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        var page = search("a", 1);
        var cursor = page.get("nextCursor").asString();
        var otherQuery = api.get("/api/v1/users/search?q=b&cursor=" + encode(cursor))
                .bearer(searcher.accessToken())
                .send();
        assertThat(otherQuery.status()).as("a cursor belongs to its query").isEqualTo(400);

        assertThat(api.get("/api/v1/users/search?q=alice").send().status()).isEqualTo(401);
    }

    @Test
    void treatsLikeWildcardsLiterally() {
        var tag = letters(8);
        person("under_" + tag, "Under Score");

        assertThat(usernames(search("%", 100))).isEmpty();
        assertThat(usernames(search("under_" + tag.substring(0, 3), 100))).contains("under_" + tag);
    }

    private Accounts.Session person(String username, String fullName) {
        var registration = Accounts.registration("BUYER");
        registration.put("username", username);
        registration.put("fullName", fullName);
        return Accounts.register(api.fromAnotherIp(), registration);
    }

    private JsonNode search(String q, int limit) {
        var response = api.get("/api/v1/users/search?q=" + encode(q) + "&limit=" + limit)
                .bearer(searcher.accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Every page of a search, followed through its cursors. */
    private List<JsonNode> walk(String q, int limit) {
        var items = new ArrayList<JsonNode>();
        String cursor = null;
        do {
            var path = "/api/v1/users/search?q=" + encode(q) + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + encode(cursor));
            var response = api.get(path).bearer(searcher.accessToken()).send();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            var page = response.json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        return items;
    }

    private static List<String> usernames(JsonNode page) {
        var usernames = new ArrayList<String>();
        page.get("items").forEach(item -> usernames.add(item.get("username").asString()));
        return usernames;
    }

    private static List<String> usernames(List<JsonNode> items) {
        return items.stream().map(item -> item.get("username").asString()).toList();
    }

    private static String letters(int count) {
        var random = ThreadLocalRandom.current();
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
