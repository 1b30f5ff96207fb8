package io.atelier.console;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.hypervisor.Hypervisor;
import io.atelier.security.PrivateFiles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The open terminals, one per lab node and kind: a second browser (the trainer watching, a
 * second tab) joins the same terminal rather than opening another, which the serial line
 * could not do anyway. Each terminal is recorded from its opening to its end.
 */
@ApplicationScoped
public class TerminalHub {

    private static final Logger LOG = Logger.getLogger(TerminalHub.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private record Key(UUID lab, String node, ConsoleKind kind) {
    }

    private final Map<Key, SharedTerminal> open = new ConcurrentHashMap<>();
    private final Map<Key, Object> opening = new ConcurrentHashMap<>();

    @Inject
    Hypervisor hypervisor;

    @Inject
    RecordingStore recordings;

    @Inject
    ConsoleConfig config;

    /** Joins the node's terminal of that kind, opening it (and its recording) when none is open. */
    SharedTerminal attach(ConsoleTicket ticket, ConsoleTargets.Target target, TerminalViewer viewer) throws IOException {
        Key key = new Key(ticket.labId(), ticket.node(), ticket.kind());
        synchronized (opening.computeIfAbsent(key, k -> new Object())) {
            SharedTerminal terminal = open.get(key);
            if (terminal != null && terminal.attach(viewer)) return terminal;
            terminal = openTerminal(key, ticket, target);
            terminal.attach(viewer);
            open.put(key, terminal);
            terminal.start();
            return terminal;
        }
    }

    private SharedTerminal openTerminal(Key key, ConsoleTicket ticket, ConsoleTargets.Target target) throws IOException {
        int columns = config.defaultColumns();
        int rows = config.defaultRows();
        TerminalBackend backend = switch (key.kind()) {
            case SERIAL -> SerialBackend.connect(hypervisor.serialSocket(target.node().domain()));
            case SSH -> SshBackend.connect(target.node(), target.lab().trainee(),
                    target.lab().traineePassword(), columns, rows);
            case VNC -> throw new IllegalArgumentException("VNC is not a terminal");
        };
        UUID recordingId = UUID.randomUUID();
        Instant now = Instant.now();
        Path file = config.recordingsDir().toAbsolutePath().resolve(key.lab().toString()).resolve(
                FILE_TIME.format(now) + "-" + key.node() + "-" + key.kind().id() + "-" + recordingId + ".cast");
        AsciicastRecorder recorder;
        try {
            recorder = AsciicastRecorder.start(file, columns, rows,
                    key.node() + " (" + key.kind().id() + ") — " + target.lab().trainee(),
                    config.recordingMaxBytes().asLongValue());
            recordings.started(new Recording(recordingId, key.lab(), key.node(), key.kind().id(), ticket.user(), now,
                    null, 0, file.toString()));
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw new IOException("cannot record the terminal: " + e.getMessage(), e);
        }
        String name = key.kind().id() + " " + key.node() + " of lab " + key.lab();
        LOG.infof("terminal %s opened by %s, recorded in %s", name, ticket.user(), file);
        return new SharedTerminal(name, backend, recorder, recordingId, recordings, t -> open.remove(key, t));
    }

    /** Closes {@code user}'s viewers of every terminal of the lab, telling them why; a terminal left with no viewer ends. */
    void closeFor(UUID lab, String user, String reason) {
        open.forEach((key, terminal) -> {
            if (key.lab().equals(lab)) terminal.closeViewersOf(user, reason);
        });
    }

    /** Every few seconds, terminals let go of viewers that left silently, and end when none is left. */
    @Scheduled(every = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (SharedTerminal terminal : open.values()) terminal.sweep();
    }

    /** At start: the recordings folder is the platform user's alone (0700, tightened when found wider). */
    void secureRecordings(@Observes StartupEvent starting) throws IOException {
        PrivateFiles.folder(config.recordingsDir());
    }

    /** At shutdown, before the database closes: recordings are closed and marked ended. */
    void closeAll(@Observes ShutdownEvent stopping) {
        for (SharedTerminal terminal : open.values()) terminal.shutdown();
    }
}
