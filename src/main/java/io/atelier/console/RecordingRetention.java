package io.atelier.console;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes recordings older than {@code atelier.consoles.recordings-retention} (90 days by
 * default): the file first, then its row, so a sweep interrupted in between deletes the row
 * the next time. A lab's folder goes when its last recording went.
 */
@ApplicationScoped
public class RecordingRetention {

    private static final Logger LOG = Logger.getLogger(RecordingRetention.class);

    private final RecordingStore recordings;
    private final ConsoleConfig config;

    public RecordingRetention(RecordingStore recordings, ConsoleConfig config) {
        this.recordings = recordings;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            deleteEndedBefore(Instant.now().minus(config.recordingsRetention()));
        } catch (RuntimeException e) {
            LOG.warnf("recordings past their retention could not be deleted: %s", e.getMessage());
        }
    }

    /** Deletes the recordings ended before {@code cutoff}; answers how many. */
    int deleteEndedBefore(Instant cutoff) {
        int deleted = 0;
        for (Recording recording : recordings.endedBefore(cutoff)) {
            Path file = Path.of(recording.path());
            try {
                if (file.getFileName().toString().endsWith(".cast")) Files.deleteIfExists(file);
                Path folder = file.getParent();
                if (folder != null) {
                    try {
                        Files.deleteIfExists(folder);
                    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                        // other recordings of the lab remain
                    }
                }
            } catch (IOException e) {
                LOG.warnf("recording %s of lab %s: %s cannot be deleted: %s", recording.id(), recording.labId(), file,
                        e.getMessage());
                continue;
            }
            recordings.delete(recording.id());
            deleted++;
        }
        if (deleted > 0) {
            LOG.infof("%d recording(s) past their retention (%s) deleted", deleted, config.recordingsRetention());
        }
        return deleted;
    }
}
