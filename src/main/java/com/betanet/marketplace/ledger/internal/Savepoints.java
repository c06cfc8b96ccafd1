package com.betanet.marketplace.ledger.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;

/**
 * Runs a piece of work inside a JDBC savepoint of the caller's transaction: when it throws, everything it wrote is
 * undone and the caller's transaction is left as it was, still usable. The application's transaction manager is
 * the JPA one, which cannot make savepoints with Hibernate ({@code PROPAGATION_NESTED} fails), so the savepoint is
 * set on the transaction's JDBC connection directly, the one {@code JdbcClient} uses too.
 */
@Component
class Savepoints {

    private final DataSource dataSource;

    Savepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T atomically(Supplier<T> work) {
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            var savepoint = set(connection);
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error failure) {
                rollBack(connection, savepoint, failure);
                throw failure;
            }
            release(connection, savepoint);
            return result;
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static Savepoint set(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new TransactionSystemException("Could not set a ledger savepoint", e);
        }
    }

    private static void rollBack(Connection connection, Savepoint savepoint, Throwable cause) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void release(Connection connection, Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new TransactionSystemException("Could not release a ledger savepoint", e);
        }
    }
}
