package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.media.ImagePurpose;
import com.betanet.marketplace.media.MediaService;
import java.time.Clock;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * A user's picture. The upload is checked and re-encoded before any transaction opens (it is CPU work); the files are
 * written inside the transaction that points the user at them, so a rollback removes them again, and the previous
 * picture's files are removed only once the change is committed.
 */
@Service
public class AvatarService {

    // Two writes to one user at once (two uploads, an upload and a profile edit) meet on the row version; the loser
    // simply tries again on the fresh row.
    private static final int ATTEMPTS = 3;

    private final UserRepository users;
    private final MediaService media;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AvatarService(
            UserRepository users, MediaService media, PlatformTransactionManager transactionManager, Clock clock) {
        this.users = users;
        this.media = media;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The URLs of a user's picture and of its thumbnail. */
    public record AvatarView(String avatarUrl, String thumbnailUrl) {}

    public AvatarView replace(UUID userId, MultipartFile file) {
        var image = media.processImage(file, ImagePurpose.AVATAR);
        for (int attempt = 1; ; attempt++) {
            try {
                var stored = transactions.execute(status -> {
                    var user = users.findById(userId).orElseThrow(IdentityErrors::userNotFound);
                    var saved = media.store(image);
                    media.delete(user.avatarKey(), user.avatarThumbnailKey()); // once committed
                    user.changeAvatar(saved.key(), saved.thumbnailKey(), clock.instant());
                    users.flush();
                    return saved;
                });
                return new AvatarView(media.url(stored.key()), media.url(stored.thumbnailKey()));
            } catch (OptimisticLockingFailureException concurrentChange) {
                if (attempt == ATTEMPTS) {
                    throw concurrentChange;
                }
            }
        }
    }

    /** Removes the user's picture; without one, nothing happens. */
    public void remove(UUID userId) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    var user = users.findById(userId).orElseThrow(IdentityErrors::userNotFound);
                    if (user.avatarKey() == null && user.avatarThumbnailKey() == null) {
                        return;
                    }
                    media.delete(user.avatarKey(), user.avatarThumbnailKey()); // once committed
                    user.changeAvatar(null, null, clock.instant());
                    users.flush();
                });
                return;
            } catch (OptimisticLockingFailureException concurrentChange) {
                if (attempt == ATTEMPTS) {
                    throw concurrentChange;
                }
            }
        }
    }
}
