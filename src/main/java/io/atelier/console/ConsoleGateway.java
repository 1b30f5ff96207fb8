package io.atelier.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.net.GuacamoleSocket;
import org.apache.guacamole.net.InetGuacamoleSocket;
import org.apache.guacamole.protocol.ConfiguredGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleConfiguration;
import org.jboss.logging.Logger;

import io.atelier.console.gateway.GuacdServer;

/**
 * The guacd the platform talks to for graphical consoles: its own embedded gateway on a
 * loopback port (VNC only), started at the first use, which connects only to the displays
 * of running VMs of READY labs ({@link ConsoleTargets#isLiveDisplay}), or a real guacd when
 * {@code atelier.consoles.guacd} names one ({@code host:port}), which also serves RDP.
 * Either way the platform speaks guacd's protocol through guacamole-common.
 */
@ApplicationScoped
public class ConsoleGateway {

    private static final Logger LOG = Logger.getLogger(ConsoleGateway.class);

    @Inject
    ConsoleConfig config;

    @Inject
    ConsoleTargets targets;

    private GuacdServer embedded;

    /** Connects to guacd and runs the handshake for {@code configuration}. */
    public GuacamoleSocket connect(GuacamoleConfiguration configuration, GuacamoleClientInformation client)
            throws GuacamoleException {
        InetSocketAddress guacd = address();
        return new ConfiguredGuacamoleSocket(new InetGuacamoleSocket(guacd.getHostString(), guacd.getPort()),
                configuration, client);
    }

    /** Where guacd listens: the configured one, or the embedded gateway (started now if needed). */
    public synchronized InetSocketAddress address() {
        if (config.guacd().isPresent()) {
            String value = config.guacd().get().strip();
            int colon = value.lastIndexOf(':');
            if (colon < 0) return InetSocketAddress.createUnresolved(value, 4822);
            return InetSocketAddress.createUnresolved(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        }
        if (embedded == null) {
            try {
                embedded = GuacdServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        targets::isLiveDisplay);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the console gateway: " + e.getMessage(), e);
            }
            LOG.infof("console gateway (guacd protocol, VNC) listening on 127.0.0.1:%d", embedded.port());
        }
        return InetSocketAddress.createUnresolved("127.0.0.1", embedded.port());
    }

    @PreDestroy
    synchronized void stop() {
        if (embedded != null) embedded.close();
    }
}
