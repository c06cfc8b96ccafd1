package com.betanet.marketplace.payments.stripe;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@link StripeProperties#configured()}: the secret key and webhook secret are set. */
class StripeConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bind("marketplace.payments.stripe", StripeProperties.class)
                .map(StripeProperties::configured)
                .orElse(false);
    }
}
