package com.betanet.marketplace.payments.mpesa;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@link MpesaProperties#configured()}: the STK credentials are all set. */
class MpesaConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bind("marketplace.payments.mpesa", MpesaProperties.class)
                .map(MpesaProperties::configured)
                .orElse(false);
    }
}
