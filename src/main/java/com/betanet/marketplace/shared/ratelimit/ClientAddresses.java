package com.betanet.marketplace.shared.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Turns a client address into the key its per-address limits are counted under. */
public final class ClientAddresses {

    // Only literal IP addresses are parsed (InetAddress would otherwise resolve a host name through DNS).
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.%]+");

    private ClientAddresses() {}

    /**
     * The rate-limit key of {@code remoteAddress} (from {@code request.getRemoteAddr()}, which Tomcat has already
     * taken from {@code X-Forwarded-For} when the request came through a trusted proxy). An IPv6 client is keyed by
     * its /64 network: one subscriber usually holds a whole /64, so counting single addresses would let one client
     * rotate through billions of them.
     */
    public static String key(String remoteAddress) {
        if (remoteAddress.indexOf(':') < 0 || !IP_LITERAL.matcher(remoteAddress).matches()) {
            return remoteAddress;
        }
        try {
            var zoneless = remoteAddress.contains("%")
                    ? remoteAddress.substring(0, remoteAddress.indexOf('%'))
                    : remoteAddress;
            var bytes = InetAddress.getByName(zoneless).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            var network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException notAnAddress) {
            return remoteAddress;
        }
    }
}
