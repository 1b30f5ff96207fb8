package io.atelier.console.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * An embedded stand-in for guacd: listens on a (loopback) TCP port, speaks guacd's side of the
 * Guacamole protocol to clients such as guacamole-common's {@code ConfiguredGuacamoleSocket}, and
 * serves the {@code vnc} protocol only, through its own RFB client. Each accepted connection runs on
 * its own virtual threads ({@link GatewayConnection}); a failing connection never stops the accept
 * loop or affects the others. It connects only to the VNC servers its {@link Targets} allow
 * (the platform's: the displays of running VMs of live labs), never to whatever a client names.
 */
public final class GuacdServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GuacdServer.class);

    private final ServerSocket serverSocket;
    private final GatewayConnection.Timeouts timeouts;
    private final Targets targets;
    private final Set<GatewayConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread acceptor;

    private GuacdServer(ServerSocket serverSocket, GatewayConnection.Timeouts timeouts, Targets targets) {
        this.serverSocket = serverSocket;
        this.timeouts = timeouts;
        this.targets = targets;
    }

    /** The VNC servers ({@code hostname}, {@code port} of the handshake) the gateway may connect to. */
    @FunctionalInterface
    public interface Targets {
        boolean allows(String host, int port);
    }

    /**
     * Starts listening (port 0 = ephemeral) and accepting connections, each on its own (virtual)
     * thread; a connection asking for a VNC server {@code targets} does not allow is refused
     * (CLIENT_FORBIDDEN) before the gateway opens any connection to it.
     */
    public static GuacdServer start(InetSocketAddress bind, Targets targets) throws IOException {
        return start(bind, GatewayConnection.Timeouts.DEFAULT, targets);
    }

    /** Tests of the protocol: every target allowed. */
    static GuacdServer start(InetSocketAddress bind) throws IOException {
        return start(bind, GatewayConnection.Timeouts.DEFAULT, (host, port) -> true);
    }

    /** Tests of the protocol: other time bounds, every target allowed. */
    static GuacdServer start(InetSocketAddress bind, GatewayConnection.Timeouts timeouts) throws IOException {
        return start(bind, timeouts, (host, port) -> true);
    }

    static GuacdServer start(InetSocketAddress bind, GatewayConnection.Timeouts timeouts, Targets targets)
            throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(bind, 128);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        GuacdServer server = new GuacdServer(socket, timeouts, targets);
        server.acceptor = Thread.ofVirtual().name("guacd-accept-" + socket.getLocalPort()).start(server::acceptLoop);
        LOG.infof("Console gateway listening on %s", socket.getLocalSocketAddress());
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket = null;
            try {
                socket = serverSocket.accept();
                GatewayConnection connection = new GatewayConnection(socket, timeouts, targets, connections::remove);
                connections.add(connection);
                if (closed) {
                    connection.close();
                } else {
                    Thread.ofVirtual().name("guacd-connection").start(connection);
                }
            } catch (Throwable e) {
                if (closed) {
                    break;
                }
                LOG.warnf(e, "Console gateway: accepting a connection failed");
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing
        }
        for (GatewayConnection connection : connections) {
            connection.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("Console gateway on port %d closed", serverSocket.getLocalPort());
    }
}
