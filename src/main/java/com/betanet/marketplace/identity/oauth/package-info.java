/**
 * Sign-in with Google, Facebook and X: verifying a provider's token (for apps that hold one) and the browser's
 * authorization-code flow both end in {@link com.betanet.marketplace.identity.oauth.OAuthSignInService}, which maps a
 * provider identity to one account, links it by verified email or creates a BUYER.
 */
@NullMarked
package com.betanet.marketplace.identity.oauth;

import org.jspecify.annotations.NullMarked;
