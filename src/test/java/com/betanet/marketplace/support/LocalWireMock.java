package com.betanet.marketplace.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** WireMock servers that stand in for a provider during the whole test JVM: loopback, a free port, stopped at exit. */
final class LocalWireMock {

    private LocalWireMock() {}

    static WireMockServer started(int threads) {
        var server = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(threads));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        return server;
    }
}
