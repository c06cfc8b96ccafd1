package com.betanet.marketplace.realtime.stomp;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationResolver;
import org.springframework.messaging.simp.user.UserDestinationResult;

/**
 * One broker destination per user and queue name, shared by all of the user's connections on every node:
 * {@code /user/queue/orders} subscribed by user U becomes {@code /queue/orders-user<U>}, and a frame for U's
 * {@code /queue/orders} is sent to that one destination, whichever node sends it. The broker (in memory, or RabbitMQ
 * behind the relay, where {@link RelayDestinations} gives each subscription an exclusive queue bound to that key)
 * delivers it to every subscription of U. Spring's default resolver addressed each of U's sessions by id, found in a
 * registry that the nodes share only every few seconds: a connection opened on another node in the meantime missed
 * its frames, and a frame for a session that had just reconnected went nowhere.
 *
 * <p>Only the user's own destinations can be subscribed this way: the principal comes from the CONNECT frame's token,
 * and {@link StompAuthorization} refuses a direct SUBSCRIBE to {@code /queue/...}.
 */
class UserQueues implements UserDestinationResolver {

    private static final String PREFIX = "/user/";

    @Override
    public @Nullable UserDestinationResult resolveDestination(Message<?> message) {
        var headers = message.getHeaders();
        var destination = SimpMessageHeaderAccessor.getDestination(headers);
        var type = SimpMessageHeaderAccessor.getMessageType(headers);
        if (destination == null || type == null || !destination.startsWith(PREFIX)) {
            return null;
        }
        return switch (type) {
            case SUBSCRIBE, UNSUBSCRIBE -> {
                var user = SimpMessageHeaderAccessor.getUser(headers);
                // "/user/queue/orders" → "/queue/orders"
                yield user == null
                        ? null
                        : resolved(destination, destination.substring(PREFIX.length() - 1), user.getName());
            }
            case MESSAGE -> {
                // "/user/{user}/queue/orders" → user and "/queue/orders"
                int end = destination.indexOf('/', PREFIX.length());
                yield end < 0
                        ? null
                        : resolved(
                                destination,
                                destination.substring(end),
                                destination.substring(PREFIX.length(), end).replace("%2F", "/"));
            }
            default -> null;
        };
    }

    private static UserDestinationResult resolved(String source, String queue, String user) {
        // what the client subscribed to, and what its frames carry as their destination
        var subscribed = "/user" + queue;
        return new UserDestinationResult(source, Set.of(queue + "-user" + user), subscribed, user);
    }
}
