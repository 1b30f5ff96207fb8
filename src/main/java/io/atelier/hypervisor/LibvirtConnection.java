package io.atelier.hypervisor;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * The one libvirt connection of the platform. libvirt-java calls into the C library through
 * JNA and must not run on virtual or event-loop threads, so every call goes through
 * {@link #call} onto a small pool of platform threads. libvirt's own error printing is routed
 * to the log. When the daemon restarted, the dead connection is replaced and the call is
 * retried once.
 */
@ApplicationScoped
public class LibvirtConnection {

    private static final Logger LOG = Logger.getLogger(LibvirtConnection.class);
    /** Kept in a field: JNA callbacks must stay reachable while libvirt may call them. */
    private static final Libvirt.VirErrorCallback TO_LOG = (userData, error) -> LOG.debugf("libvirt: %s",
            error.message);

    /** One libvirt operation, given the live connection. */
    @FunctionalInterface
    public interface Call<T> {
        T on(Connect connect) throws LibvirtException;
    }

    private final String uri;
    private final ExecutorService executor = Executors.newFixedThreadPool(4,
            Thread.ofPlatform().name("libvirt-", 1).daemon().factory());
    private Connect connect;

    public LibvirtConnection(HypervisorConfig config) {
        this.uri = config.uri();
    }

    public String uri() {
        return uri;
    }

    /** Runs {@code call} on a libvirt thread and waits for it; {@code what} names it in errors. */
    public <T> T call(String what, Call<T> call) {
        Future<T> result = executor.submit(() -> {
            try {
                return call.on(connection());
            } catch (LibvirtException first) {
                if (!reconnectIfDead()) throw first;
                LOG.warnf("libvirt connection to %s was lost; reconnected, retrying: %s", uri, what);
                return call.on(connection());
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HypervisorException known) throw known;
            throw new HypervisorException(what + ": " + cause.getMessage(), cause);
        }
    }

    private synchronized Connect connection() throws LibvirtException {
        if (connect == null) {
            Connect.setErrorCallback(TO_LOG);
            connect = new Connect(uri);
            LOG.infof("Connected to libvirt %s", uri);
        }
        return connect;
    }

    private synchronized boolean reconnectIfDead() {
        try {
            if (connect != null && connect.isAlive()) return false;
        } catch (LibvirtException e) {
            LOG.debugf("libvirt isAlive: %s", e.getMessage());
        }
        closeQuietly();
        return true;
    }

    private void closeQuietly() {
        if (connect != null) {
            try {
                connect.close();
            } catch (LibvirtException e) {
                LOG.debugf("closing libvirt connection: %s", e.getMessage());
            }
            connect = null;
        }
    }

    @PreDestroy
    synchronized void close() {
        executor.shutdown();
        closeQuietly();
    }
}
