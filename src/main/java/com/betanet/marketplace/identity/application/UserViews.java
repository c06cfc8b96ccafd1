package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.media.MediaService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Builds the API views of a user, resolving stored media keys to URLs a client can GET. */
@Component
public class UserViews {

    private final MediaService media;

    UserViews(MediaService media) {
        this.media = media;
    }

    public UserView of(User user) {
        return UserView.of(user, mediaUrl(user.avatarKey()));
    }

    public @Nullable String mediaUrl(@Nullable String key) {
        return media.urlOrNull(key);
    }
}
