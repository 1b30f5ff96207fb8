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
 * loop or affects the others.
 */
public final class GuacdServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GuacdServer.class);

    private final ServerSocket serverSocket;
    private final GatewayConnection.Timeouts timeouts;
    private final Set<GatewayConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread acceptor;

    private GuacdServer(ServerSocket serverSocket, GatewayConnection.Timeouts timeouts) {
        this.serverSocket = serverSocket;
        this.timeouts = timeouts;
    }

    /** Starts listening (port 0 = ephemeral) and accepting connections, each on its own (virtual) thread. */
    public static GuacdServer start(InetSocketAddress bind) throws IOException {
        return start(bind, GatewayConnection.Timeouts.DEFAULT);
    }

    /** As {@link #start(InetSocketAddress)} with other time bounds (tests). */
    static GuacdServer start(InetSocketAddress bind, GatewayConnection.Timeouts timeouts) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(bind, 128);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        GuacdServer server = new GuacdServer(socket, timeouts);
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
                GatewayConnection connection = new GatewayConnection(socket, timeouts, connections::remove);
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
