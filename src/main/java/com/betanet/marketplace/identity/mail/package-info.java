/**
 * The account mails (verification, email change, password reset, notices), sent by outbox listeners after the
 * change that asked for them has committed. The listener, not the request, creates the one-time token, so the raw
 * token is never stored, not even in the event publication table.
 */
@NullMarked
package com.betanet.marketplace.identity.mail;

import org.jspecify.annotations.NullMarked;
