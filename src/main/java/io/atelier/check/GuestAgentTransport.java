package io.atelier.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.atelier.hypervisor.Hypervisor;
import io.atelier.hypervisor.HypervisorException;

/** Checks through the QEMU guest agent of the node's VM (as root): it works whatever the node's network does. */
final class GuestAgentTransport implements Transport {

    private final Hypervisor hypervisor;
    private final String domain;

    GuestAgentTransport(Hypervisor hypervisor, String domain) {
        this.hypervisor = hypervisor;
        this.domain = domain;
    }

    @Override
    public String name() {
        return "guest-agent";
    }

    @Override
    public CommandOutput run(String command, Duration timeout) throws IOException, TimeoutException {
        try {
            Hypervisor.GuestCommand result = hypervisor.guestExec(domain, command, timeout);
            return new CommandOutput(result.exit(), new String(result.stdout(), StandardCharsets.UTF_8),
                    new String(result.stderr(), StandardCharsets.UTF_8), result.cut());
        } catch (HypervisorException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
