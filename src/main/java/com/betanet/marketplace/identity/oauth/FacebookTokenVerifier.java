package com.betanet.marketplace.identity.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Facebook user access tokens. {@code GET /debug_token} with our app token ({@code app_id|app_secret}) says whether
 * the token is valid, which app it was issued to (must be ours: a token another app obtained must not sign anyone in
 * here) and whose it is; {@code GET /me?fields=id,name,email,picture} (with {@code appsecret_proof}) then reads the
 * profile, whose id must be the same person. Facebook does not say whether {@code email} was confirmed, so it counts
 * as verified only when the operator says so ({@code MARKETPLACE_OAUTH_FACEBOOK_TRUST_EMAIL}).
 */
final class FacebookTokenVerifier implements ProviderTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(FacebookTokenVerifier.class);

    private final OAuthProperties.Facebook settings;
    private final ProviderHttp http;
    private final Clock clock;

    FacebookTokenVerifier(OAuthProperties.Facebook settings, ProviderHttp http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public OAuthProvider provider() {
        return OAuthProvider.FACEBOOK;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public ProviderIdentity verify(String token) {
        var debug = http.get(
                OAuthProvider.FACEBOOK,
                ProviderHttp.uri(
                        settings.graphBaseUrl(),
                        "/debug_token?input_token={token}&access_token={appToken}",
                        token,
                        settings.appId() + "|" + settings.appSecret()),
                null);
        var data = debug.body().path("data");
        var userId = ProviderHttp.id(data.path("user_id"));
        if (!debug.ok() || !isTrue(data.path("is_valid")) || userId == null) {
            throw refused("not valid: " + data.path("error").path("message").asString(""));
        }
        if (!settings.appId().equals(ProviderHttp.id(data.path("app_id")))) {
            throw refused("issued to another app");
        }
        var type = ProviderHttp.text(data.path("type"));
        if (type != null && !"USER".equals(type)) {
            throw refused("not a user token");
        }
        long expiresAt = data.path("expires_at").asLong(0);
        if (expiresAt > 0 && expiresAt <= clock.instant().getEpochSecond()) {
            throw refused("expired");
        }

        var me = http.get(
                OAuthProvider.FACEBOOK,
                ProviderHttp.uri(
                        settings.graphBaseUrl(),
                        "/me?fields=id,name,email,picture&access_token={token}&appsecret_proof={proof}",
                        token,
                        appSecretProof(token)),
                null);
        if (!me.ok() || !userId.equals(ProviderHttp.id(me.body().path("id")))) {
            throw refused("profile not readable or of another person");
        }
        var email = ProviderHttp.text(me.body().path("email"));
        return new ProviderIdentity(
                OAuthProvider.FACEBOOK,
                userId,
                email,
                email != null && settings.trustEmail(),
                ProviderHttp.text(me.body().path("name")),
                null,
                pictureUrl(me.body().path("picture").path("data")));
    }

    /** The picture's URL, unless it is Facebook's silhouette for people without one. */
    private static @Nullable String pictureUrl(JsonNode picture) {
        return isTrue(picture.path("is_silhouette")) ? null : ProviderHttp.text(picture.path("url"));
    }

    /** HMAC-SHA256 of the token with the app secret: proves the Graph call comes from the app's server. */
    private String appSecretProof(String token) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean isTrue(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    private static RuntimeException refused(String why) {
        log.debug("Facebook token refused: {}", why);
        return OAuthErrors.invalidToken(OAuthProvider.FACEBOOK);
    }
}
