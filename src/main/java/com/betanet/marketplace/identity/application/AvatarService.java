package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.media.ImagePurpose;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.media.StoredImage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
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

    private final EntityManager entityManager;
    private final MediaService media;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AvatarService(
            EntityManager entityManager,
            MediaService media,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.entityManager = entityManager;
        this.media = media;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The URLs of a user's picture and of its thumbnail. */
    public record AvatarView(String avatarUrl, String thumbnailUrl) {}

    public AvatarView replace(UUID userId, MultipartFile file) {
        var image = media.processImage(file, ImagePurpose.AVATAR);
        StoredImage stored = Objects.requireNonNull(transactions.execute(status -> {
            var user = lockedUser(userId);
            var saved = media.store(image);
            media.delete(user.avatarKey(), user.avatarThumbnailKey()); // once committed
            user.changeAvatar(saved.key(), saved.thumbnailKey(), clock.instant());
            return saved;
        }));
        return new AvatarView(media.url(stored.key()), media.url(stored.thumbnailKey()));
    }

    /** Removes the user's picture; without one, nothing happens. */
    public void remove(UUID userId) {
        transactions.executeWithoutResult(status -> {
            var user = lockedUser(userId);
            if (user.avatarKey() != null || user.avatarThumbnailKey() != null) {
                media.delete(user.avatarKey(), user.avatarThumbnailKey()); // once committed
                user.changeAvatar(null, null, clock.instant());
            }
        });
    }

    /**
     * The row locked for the rest of the transaction: two uploads at once must not both read the same previous picture
     * (one pair of files would never be deleted), so the second waits for the first and then replaces its picture.
     */
    private User lockedUser(UUID userId) {
        var user = entityManager.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw IdentityErrors.userNotFound();
        }
        return user;
    }
}
