package com.betanet.marketplace.identity.oauth;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * X (Twitter) OAuth 2.0 user access tokens, checked by using them: {@code GET /2/users/me} answers with the person
 * only for a live token. X gives apps no email, so such an account has none until its owner adds one. X also offers
 * no way to ask which app a token was issued to, so (unlike Facebook and Google) a token another X app obtained is
 * accepted too; the browser flow, where this server gets the token itself, does not have that weakness.
 */
final class TwitterTokenVerifier implements ProviderTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(TwitterTokenVerifier.class);

    private final OAuthProperties.Twitter settings;
    private final ProviderHttp http;

    TwitterTokenVerifier(OAuthProperties.Twitter settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public OAuthProvider provider() {
        return OAuthProvider.TWITTER;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public ProviderIdentity verify(String token) {
        var answer = http.get(
                OAuthProvider.TWITTER,
                ProviderHttp.uri(settings.apiBaseUrl(), "/2/users/me?user.fields={fields}", "profile_image_url"),
                token);
        var data = answer.body().path("data");
        var id = ProviderHttp.text(data.path("id"));
        if (!answer.ok() || id == null) {
            log.debug("X token refused with status {}", answer.status());
            throw OAuthErrors.invalidToken(OAuthProvider.TWITTER);
        }
        return new ProviderIdentity(
                OAuthProvider.TWITTER,
                id,
                null,
                false,
                ProviderHttp.text(data.path("name")),
                ProviderHttp.text(data.path("username")),
                largerPicture(ProviderHttp.text(data.path("profile_image_url"))));
    }

    /** X hands out a 48-pixel "_normal" picture; the same file in 400 x 400 has the suffix "_400x400". */
    static @Nullable String largerPicture(@Nullable String url) {
        if (url == null) {
            return null;
        }
        int suffix = url.lastIndexOf("_normal.");
        return suffix < 0 ? url : url.substring(0, suffix) + "_400x400." + url.substring(suffix + "_normal.".length());
    }
}
