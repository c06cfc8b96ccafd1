package com.betanet.marketplace.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of black-box integration tests: the running server's port and a fresh {@link Api} client (with its own
 * client address) for every test method.
 */
@IntegrationTest
public abstract class HttpTest {

    @LocalServerPort
    protected int port;

    protected Api api;

    @BeforeEach
    void newClient() {
        api = new Api(port);
    }
}
