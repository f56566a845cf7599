package io.trailhawk.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The host name the command line puts in alerts and in {@code evt.hostname}: TRAILHAWK_HOSTNAME, then
 * FALCO_HOSTNAME, then the machine's name.
 */
final class LocalHost {
    private static final String NAME = lookup();

    private LocalHost() {
    }

    static String name() {
        return NAME;
    }

    private static String lookup() {
        for (String var : new String[] {"TRAILHAWK_HOSTNAME", "FALCO_HOSTNAME"}) {
            String v = System.getenv(var);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
