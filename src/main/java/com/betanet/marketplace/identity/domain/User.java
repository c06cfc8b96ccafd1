package com.betanet.marketplace.identity.domain;

import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An account. Everyone can buy; selling is switched on per account; admins are made by configuration only. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;

    // Null for an account made through a provider that gave no (verified) address, until its owner adds one.
    private @Nullable String email;

    @Column(name = "email_verified")
    private boolean emailVerified;

    @Column(name = "password_hash")
    private @Nullable String passwordHash;

    private String username;

    @Column(name = "full_name")
    private String fullName;

    private @Nullable String bio;

    @Column(name = "phone_number")
    private @Nullable String phoneNumber;

    @Column(name = "shop_name")
    private @Nullable String shopName;

    private boolean seller;

    private boolean admin;

    @Column(name = "avatar_key")
    private @Nullable String avatarKey;

    @Column(name = "avatar_thumbnail_key")
    private @Nullable String avatarThumbnailKey;

    @Column(name = "suspended_at")
    private @Nullable Instant suspendedAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    @SuppressWarnings("NullAway.Init")
    protected User() {
        // for JPA
    }

    private User(@Nullable String email, String username, String fullName, @Nullable String passwordHash, Instant now) {
        this.id = Ids.newId();
        this.email = email;
        this.username = username;
        this.fullName = fullName;
        this.passwordHash = passwordHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * A new account; the email, when there is one, must already be normalised ({@link EmailAddress#normalize}). An
     * account without email or password signs in through a linked provider identity.
     */
    public static User register(
            @Nullable String email, String username, String fullName, @Nullable String passwordHash, Instant now) {
        return new User(email, username, fullName, passwordHash, now);
    }

    public Set<Role> roles() {
        return roles(seller, admin);
    }

    /** The roles of an account with these flags (everyone buys), in their declared order. */
    public static Set<Role> roles(boolean seller, boolean admin) {
        var roles = EnumSet.of(Role.BUYER);
        if (seller) {
            roles.add(Role.SELLER);
        }
        if (admin) {
            roles.add(Role.ADMIN);
        }
        return roles;
    }

    public void becomeSeller(String shopName, Instant now) {
        this.seller = true;
        this.shopName = shopName;
        touch(now);
    }

    public void grantAdmin(Instant now) {
        this.admin = true;
        touch(now);
    }

    public boolean isSuspended() {
        return suspendedAt != null;
    }

    public void suspend(Instant now) {
        if (suspendedAt == null) {
            suspendedAt = now;
            touch(now);
        }
    }

    public void reinstate(Instant now) {
        if (suspendedAt != null) {
            suspendedAt = null;
            touch(now);
        }
    }

    public void changePasswordHash(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        touch(now);
    }

    public void markEmailVerified(Instant now) {
        if (!emailVerified) {
            emailVerified = true;
            touch(now);
        }
    }

    /** Replaces the email with one that its owner has just proven to control. */
    public void changeEmail(String normalizedEmail, Instant now) {
        this.email = normalizedEmail;
        this.emailVerified = true;
        touch(now);
    }

    public void rename(String username, Instant now) {
        this.username = username;
        touch(now);
    }

    public void updateProfile(
            String fullName,
            @Nullable String bio,
            @Nullable String phoneNumber,
            @Nullable String shopName,
            Instant now) {
        this.fullName = fullName;
        this.bio = bio;
        this.phoneNumber = phoneNumber;
        this.shopName = shopName;
        touch(now);
    }

    public void changeAvatar(@Nullable String avatarKey, @Nullable String avatarThumbnailKey, Instant now) {
        this.avatarKey = avatarKey;
        this.avatarThumbnailKey = avatarThumbnailKey;
        touch(now);
    }

    private void touch(Instant now) {
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public @Nullable String email() {
        return email;
    }

    public boolean emailVerified() {
        return emailVerified;
    }

    public @Nullable String passwordHash() {
        return passwordHash;
    }

    /** Whether the account can sign in with a password (accounts made through a provider have none at first). */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    public String username() {
        return username;
    }

    public String fullName() {
        return fullName;
    }

    public @Nullable String bio() {
        return bio;
    }

    public @Nullable String phoneNumber() {
        return phoneNumber;
    }

    public @Nullable String shopName() {
        return shopName;
    }

    public boolean isSeller() {
        return seller;
    }

    public boolean isAdmin() {
        return admin;
    }

    public @Nullable String avatarKey() {
        return avatarKey;
    }

    public @Nullable String avatarThumbnailKey() {
        return avatarThumbnailKey;
    }

    public @Nullable Instant suspendedAt() {
        return suspendedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
