package com.betanet.marketplace.identity.oauth;

import com.betanet.marketplace.media.MediaService;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuthProperties.class)
class OAuthConfiguration {

    @Bean
    ProviderTokens providerTokens(OAuthProperties properties, JsonMapper json, Clock clock) {
        var http = new ProviderHttp(properties.providerTimeout(), json);
        var google = new GoogleIdTokenVerifier(properties.google(), properties.providerTimeout(), clock);
        return new ProviderTokens(
                google,
                List.of(
                        google,
                        new FacebookTokenVerifier(properties.facebook(), http, clock),
                        new TwitterTokenVerifier(properties.twitter(), http)));
    }

    @Bean
    AvatarImporter providerAvatarImporter(MediaService media, OAuthProperties properties) {
        return new AvatarImporter(media, properties.providerTimeout());
    }
}
