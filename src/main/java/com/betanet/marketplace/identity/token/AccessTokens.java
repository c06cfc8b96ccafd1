package com.betanet.marketplace.identity.token;

import com.betanet.marketplace.shared.security.Role;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues the short-lived, RS256-signed access tokens: subject = user id, {@code roles}, {@code sid} = sign-in. */
@Component
public class AccessTokens {

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, SigningKeys keys, TokenProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public String issue(UUID userId, Set<Role> roles, UUID sessionId) {
        var now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .id(UUID.randomUUID().toString())
                .claim("roles", roles.stream().map(Role::name).sorted().toList())
                .claim("sid", sessionId.toString())
                .build();
        var header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.keyId()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public long ttlSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }
}
