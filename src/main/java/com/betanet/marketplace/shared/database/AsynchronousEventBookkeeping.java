package com.betanet.marketplace.shared.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets the event publication registry's own bookkeeping transactions commit without waiting for their WAL record to
 * reach the disk ({@code synchronous_commit = off}, which PostgreSQL allows per transaction): Spring Modulith marks
 * each publication processing before its listener runs and completed after it, each in a transaction of its own
 * ({@code REQUIRES_NEW}), two of a paid order's nine commits per listener, and the disk's flushes were what those
 * commits waited for under load. Such a commit can be lost only if PostgreSQL itself stops in the next fraction of a
 * second, and then the publication merely looks unfinished and is delivered again (after the staleness check, or at
 * a restart): the listeners take every event at least once already, and none relies on the bookkeeping for anything
 * else. The publication itself is still written in the transaction of the change that published it, as durable as
 * that change, and every other transaction (money, orders, what a listener does) commits as before.
 *
 * <p>Only transactions the registry started for its own bookkeeping are relaxed, recognised by their name (Spring names
 * a {@code @Transactional} method's transaction after the method); a registry call joining any other transaction
 * leaves it alone.
 */
@Component
final class AsynchronousEventBookkeeping implements BeanPostProcessor {

    /** The class whose {@code REQUIRES_NEW} methods mark publications processing, completed or failed. */
    static final String REGISTRY = "org.springframework.modulith.events.core.DefaultEventPublicationRegistry.";

    private final ObjectProvider<JdbcClient> jdbc;

    AsynchronousEventBookkeeping(ObjectProvider<JdbcClient> jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof EventPublicationRepository repository && !(bean instanceof Relaxing)
                ? new Relaxing(repository)
                : bean;
    }

    /** Relaxes the current transaction's commit if it is one of the registry's own. */
    void relaxIfBookkeeping() {
        var name = TransactionSynchronizationManager.getCurrentTransactionName();
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && name != null
                && name.startsWith(REGISTRY)) {
            jdbc.getObject().sql("set local synchronous_commit = off").update();
        }
    }

    /** The repository, relaxing the bookkeeping transactions before it writes in them. */
    final class Relaxing implements EventPublicationRepository {

        private final EventPublicationRepository delegate;

        Relaxing(EventPublicationRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public TargetEventPublication create(TargetEventPublication publication) {
            return delegate.create(publication);
        }

        @Override
        public void markProcessing(UUID identifier) {
            relaxIfBookkeeping();
            delegate.markProcessing(identifier);
        }

        @Override
        public void markCompleted(TargetEventPublication publication, Instant completionDate) {
            relaxIfBookkeeping();
            delegate.markCompleted(publication, completionDate);
        }

        @Override
        public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
            relaxIfBookkeeping();
            delegate.markCompleted(event, identifier, completionDate);
        }

        @Override
        public void markCompleted(UUID identifier, Instant completionDate) {
            relaxIfBookkeeping();
            delegate.markCompleted(identifier, completionDate);
        }

        @Override
        public void markFailed(UUID identifier) {
            relaxIfBookkeeping();
            delegate.markFailed(identifier);
        }

        @Override
        public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
            return delegate.markResubmitted(identifier, resubmissionDate);
        }

        @Override
        public List<TargetEventPublication> findIncompletePublications() {
            return delegate.findIncompletePublications();
        }

        @Override
        public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
            return delegate.findIncompletePublicationsPublishedBefore(instant);
        }

        @Override
        public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(
                Object event, PublicationTargetIdentifier targetIdentifier) {
            return delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
        }

        @Override
        public List<TargetEventPublication> findCompletedPublications() {
            return delegate.findCompletedPublications();
        }

        @Override
        public void deletePublications(List<UUID> identifiers) {
            delegate.deletePublications(identifiers);
        }

        @Override
        public void deleteCompletedPublications() {
            delegate.deleteCompletedPublications();
        }

        @Override
        public void deleteCompletedPublicationsBefore(Instant instant) {
            delegate.deleteCompletedPublicationsBefore(instant);
        }

        @Override
        public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
            return delegate.findFailedPublications(criteria);
        }

        @Override
        public List<TargetEventPublication> findByStatus(EventPublication.Status status) {
            return delegate.findByStatus(status);
        }

        @Override
        public int countByStatus(EventPublication.Status status) {
            return delegate.countByStatus(status);
        }
    }
}
