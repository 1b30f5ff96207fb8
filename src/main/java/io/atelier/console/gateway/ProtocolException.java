package io.atelier.console.gateway;

import java.io.IOException;
import org.apache.guacamole.protocol.GuacamoleStatus;

/**
 * The Guacamole client broke the protocol: a malformed instruction, an instruction over one of the
 * {@link InstructionReader.Limits}, or an instruction that is not allowed at this point of the
 * conversation. The gateway answers it with {@code error,<message>,<status>} and closes that connection
 * only; the status is a client one (0x03xx), {@link GuacamoleStatus#CLIENT_BAD_REQUEST} unless a size
 * limit was exceeded ({@link GuacamoleStatus#CLIENT_OVERRUN}).
 */
public final class ProtocolException extends IOException {

    private final GuacamoleStatus status;

    public ProtocolException(String message) {
        this(message, GuacamoleStatus.CLIENT_BAD_REQUEST);
    }

    public ProtocolException(String message, GuacamoleStatus status) {
        super(message);
        this.status = status;
    }

    /** The Guacamole status sent to the client in the {@code error} instruction. */
    public GuacamoleStatus status() {
        return status;
    }
}
