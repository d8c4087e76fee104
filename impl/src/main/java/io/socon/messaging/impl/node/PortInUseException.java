package io.socon.messaging.impl.node;

import java.io.IOException;

/** The node's port is already taken by another process. */
public class PortInUseException extends IOException {

    public PortInUseException(String host, int port, Throwable cause) {
        super("port " + port + " on " + host + " is already in use: stop the other process or choose another port", cause);
    }
}
