package com.betanet.marketplace.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.identity.domain.UsernamePolicy;
import com.betanet.marketplace.shared.TextChecks;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ProviderNamesTests {

    @Test
    void usernamesComeFromTheHandleThenTheNameThenTheEmail() {
        assertThat(ProviderNames.usernameBase(person("Jane Doe", "JaneD_254", "jane@example.com")))
                .isEqualTo("janed_254");
        assertThat(ProviderNames.usernameBase(person("José María O'Neil", null, null)))
                .isEqualTo("jose.maria.o.neil");
        assertThat(ProviderNames.usernameBase(person("李小龍", null, "bruce.lee+shop@example.com")))
                .as("a name in another script leaves nothing; the email's local part is next")
                .isEqualTo("bruce.lee.shop");
        assertThat(ProviderNames.usernameBase(person("Ng", null, null))).isEqualTo("user");
        assertThat(ProviderNames.usernameBase(person(null, null, null))).isEqualTo("user");
        assertThat(ProviderNames.usernameBase(person("--- Émile   Zola ---", null, null)))
                .isEqualTo("emile.zola");
        assertThat(ProviderNames.usernameBase(person("Wolfeschlegelsteinhausenbergerdorff Senior", null, null)))
                .hasSizeLessThanOrEqualTo(ProviderNames.MAX_BASE)
                .isEqualTo("wolfeschlegelsteinhau");
    }

    @Test
    void everyCandidatePassesTheUsernamePolicyAndReservedWordsAreSkipped() {
        var candidates = ProviderNames.usernameCandidates("admin", new Random(7));
        assertThat(candidates).doesNotContain("admin").isNotEmpty().allSatisfy(candidate -> {
            assertThat(candidate).startsWith("admin_");
            assertThat(UsernamePolicy.problemWith(candidate)).isEmpty();
        });
        var long21 = "a".repeat(ProviderNames.MAX_BASE);
        assertThat(ProviderNames.usernameCandidates(long21, new Random(7)))
                .first()
                .isEqualTo(long21);
        assertThat(ProviderNames.usernameCandidates(long21, new Random(7)))
                .allSatisfy(candidate -> assertThat(candidate.length()).isLessThanOrEqualTo(30));
    }

    @Test
    void fullNamesKeepValidNamesAndDropWhatANameMayNotContain() {
        assertThat(ProviderNames.fullName(person("Dr. J. R. R. Tolkien", null, null)))
                .isEqualTo("Dr. J. R. R. Tolkien");
        assertThat(ProviderNames.fullName(person("Amina 🚀 Wanjiru 2024", null, null)))
                .isEqualTo("Amina Wanjiru");
        assertThat(ProviderNames.fullName(person("Ngũgĩ wa Thiong'o", null, null)))
                .isEqualTo("Ngũgĩ wa Thiong'o");
        assertThat(ProviderNames.fullName(person("🚀🚀", "rocketman", null))).isEqualTo("rocketman");
        assertThat(ProviderNames.fullName(person("12345", "_", null))).isEqualTo(ProviderNames.FALLBACK_FULL_NAME);
        var trimmed = ProviderNames.fullName(person("Abcdefghij ".repeat(20).strip() + " 🚀", null, null));
        assertThat(TextChecks.length(trimmed)).isLessThanOrEqualTo(100);
        assertThat(TextChecks.isPersonName(trimmed)).isTrue();
    }

    private static ProviderIdentity person(@Nullable String name, @Nullable String handle, @Nullable String email) {
        return new ProviderIdentity(OAuthProvider.TWITTER, "1", email, false, name, handle, null);
    }
}
