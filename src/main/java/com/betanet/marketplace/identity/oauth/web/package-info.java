/** HTTP for social login: the token exchange, the browser redirect flow, and a user's linked identities. */
@NullMarked
package com.betanet.marketplace.identity.oauth.web;

import org.jspecify.annotations.NullMarked;
