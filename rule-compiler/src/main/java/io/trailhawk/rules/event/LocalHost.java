package io.trailhawk.rules.event;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host name alerts carry: TRAILHAWK_HOSTNAME, then FALCO_HOSTNAME, then the machine's name. */
public final class LocalHost {
    private static final String NAME = lookup();

    private LocalHost() {
    }

    public static String name() {
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
