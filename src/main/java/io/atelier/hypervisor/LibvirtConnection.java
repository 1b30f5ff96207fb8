package io.atelier.hypervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * The one libvirt connection of the platform. libvirt-java calls into the C library through
 * JNA and must not run on virtual or event-loop threads, so every call goes through
 * {@link #call} onto a small pool of platform threads. libvirt's own error printing is routed
 * to the log. When the daemon restarted, the dead connection is replaced and the call is
 * retried once. {@link GuestAgent} has its own, with its own threads (each with its own
 * connection) and a bounded queue, so that calls waiting on a guest agent never hold the
 * threads nor the connection that every other lab's calls use.
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
    private final ExecutorService executor;
    private final boolean perThread;
    private final ThreadLocal<Connect> threadConnection = new ThreadLocal<>();
    private final List<Connect> threadConnections = new ArrayList<>();
    private Connect connect;
    private volatile boolean closed;

    @Inject
    public LibvirtConnection(HypervisorConfig config) {
        this(config.uri(), "libvirt-", 4, Integer.MAX_VALUE, false);
    }

    /**
     * @param threads   platform threads that call libvirt
     * @param queue     calls that may wait for a thread; one more is refused
     * @param perThread each thread opens its own connection: a call that hangs in libvirt
     *                  then holds back no other (libvirt answered an agent call on one
     *                  connection only after an earlier one to a frozen agent had timed out)
     */
    public LibvirtConnection(String uri, String threadName, int threads, int queue, boolean perThread) {
        this.uri = uri;
        this.perThread = perThread;
        BlockingQueue<Runnable> waiting = queue == Integer.MAX_VALUE ? new LinkedBlockingQueue<>()
                : new ArrayBlockingQueue<>(queue);
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting,
                Thread.ofPlatform().name(threadName, 1).daemon().factory());
    }

    public String uri() {
        return uri;
    }

    /** Runs {@code call} on a libvirt thread and waits for it; {@code what} names it in errors. */
    public <T> T call(String what, Call<T> call) {
        Future<T> result = submit(what, call, () -> {
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw failure(what, e);
        }
    }

    /**
     * Queues {@code call} for a libvirt thread; {@code after} runs on that thread once the call
     * returned, whether or not anyone still waits for it.
     *
     * @throws RejectedExecutionException when the queue is full
     */
    <T> Future<T> submit(String what, Call<T> call, Runnable after) {
        return executor.submit(() -> {
            try {
                return call.on(connection());
            } catch (LibvirtException first) {
                if (!reconnectIfDead()) throw first;
                LOG.warnf("libvirt connection to %s was lost; reconnected, retrying: %s", uri, what);
                return call.on(connection());
            } finally {
                after.run();
            }
        });
    }

    static HypervisorException failure(String what, ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof HypervisorException known) return known;
        return new HypervisorException(what + ": " + cause.getMessage(), cause);
    }

    private Connect connection() throws LibvirtException {
        if (perThread) {
            Connect own = threadConnection.get();
            if (own == null) {
                own = open();
                threadConnection.set(own);
                synchronized (this) {
                    threadConnections.add(own);
                }
            }
            return own;
        }
        synchronized (this) {
            if (connect == null) connect = open();
            return connect;
        }
    }

    private synchronized Connect open() throws LibvirtException {
        if (closed) throw new HypervisorException("the platform is stopping: libvirt is no longer called");
        Connect.setErrorCallback(TO_LOG);
        Connect opened = new Connect(uri);
        LOG.infof("Connected to libvirt %s", uri);
        return opened;
    }

    private boolean reconnectIfDead() {
        if (perThread) {
            Connect own = threadConnection.get();
            if (own != null && alive(own)) return false;
            threadConnection.remove();
            synchronized (this) {
                threadConnections.remove(own);
            }
            closeQuietly(own);
            return !closed;
        }
        synchronized (this) {
            if (connect != null && alive(connect)) return false;
            closeQuietly(connect);
            connect = null;
            return !closed;
        }
    }

    private static boolean alive(Connect connect) {
        try {
            return connect.isAlive();
        } catch (LibvirtException e) {
            LOG.debugf("libvirt isAlive: %s", e.getMessage());
            return false;
        }
    }

    private static void closeQuietly(Connect connect) {
        if (connect != null) {
            try {
                connect.close();
            } catch (LibvirtException e) {
                LOG.debugf("closing libvirt connection: %s", e.getMessage());
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        executor.shutdown();
        closeQuietly(connect);
        connect = null;
        threadConnections.forEach(LibvirtConnection::closeQuietly);
        threadConnections.clear();
    }
}
