package com.betanet.marketplace.shared;

import java.time.Duration;
import java.util.List;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

/**
 * Failed event publications of some event types, handed back to their listeners on demand (a module's scheduled
 * job). Resubmission claims each publication, so several nodes doing it do not double it. The filter is by event type,
 * so every failed listener of those events is retried, including another module's, which wants it as well.
 */
public final class FailedPublications {

    private final FailedEventPublications failed;
    private final List<Class<?>> eventTypes;
    private final Duration minAge;

    /** Publications of {@code eventTypes}, once they are {@code minAge} old. */
    public FailedPublications(FailedEventPublications failed, Duration minAge, List<Class<?>> eventTypes) {
        this.failed = failed;
        this.minAge = minAge;
        this.eventTypes = List.copyOf(eventTypes);
    }

    public void resubmit() {
        failed.resubmit(ResubmissionOptions.defaults()
                .withMinAge(minAge)
                .withFilter(
                        publication -> eventTypes.stream().anyMatch(type -> type.isInstance(publication.getEvent()))));
    }
}
