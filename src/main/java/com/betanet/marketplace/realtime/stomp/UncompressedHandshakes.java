package com.betanet.marketplace.realtime.stomp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Declines {@code permessage-deflate}, which every browser offers: the {@code /ws} handshake reaches Tomcat without
 * the {@code Sec-WebSocket-Extensions} header. Tomcat would otherwise keep a zlib deflater and inflater (native memory)
 * and their buffers for every connection, for frames of a few hundred bytes that compress little; at 10 000
 * connections that is most of the node's memory (bench/realtime/README.md). Spring's handshake handler cannot do this:
 * Tomcat negotiates extensions itself from the request's header.
 */
@Configuration(proxyBeanMethods = false)
class UncompressedHandshakes {

    static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> uncompressedWebSocketHandshake() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(
                        request.getHeader(EXTENSIONS) == null ? request : new WithoutExtensions(request), response);
            }
        });
        registration.addUrlPatterns("/ws", "/ws/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static final class WithoutExtensions extends HttpServletRequestWrapper {

        WithoutExtensions(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getHeader(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            var names = Collections.list(super.getHeaderNames());
            names.removeIf(EXTENSIONS::equalsIgnoreCase);
            return Collections.enumeration(names);
        }
    }
}
