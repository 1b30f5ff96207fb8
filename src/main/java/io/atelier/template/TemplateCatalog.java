package io.atelier.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.document.DocumentException;
import io.atelier.document.Problem;
import io.atelier.referential.ReferentialCatalog;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The lab templates offered by the platform, read from {@code atelier.templates.dir} at
 * start-up and on an administrator's reload. A template with problems is left out and its
 * problems are logged and reported; on reload, a template that became broken keeps its
 * last good revision, so an author's mistake never takes a lab away from a class.
 */
@ApplicationScoped
public class TemplateCatalog {

    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);

    /** The outcome of a load: what is offered, and what could not be. */
    public record Report(Instant loadedAt, List<String> templates, List<Problem> problems) {
    }

    @Inject
    TemplateConfig config;

    @Inject
    ReferentialCatalog referentials;

    @Inject
    TemplateRevisions revisions;

    private volatile Map<String, LabTemplate> templates = Map.of();
    private volatile Report report = new Report(Instant.EPOCH, List.of(), List.of());

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    /** Reads every template folder again; blocking (files and database). */
    public synchronized Report reload() {
        TemplateLoader loader = new TemplateLoader(config.schemaDir(), referentials.referentials());
        Map<String, LabTemplate> next = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        Path dir = config.dir();
        List<Path> folders = Files.isDirectory(dir) ? TemplateLoader.templateFolders(dir) : List.of();
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            try {
                LabTemplate template = loader.load(folder);
                next.put(template.id(), template);
            } catch (DocumentException e) {
                problems.addAll(e.problems());
                LOG.errorf("Template %s left out of the catalog:%n%s", name, e.getMessage());
                Optional.ofNullable(templates.get(name)).ifPresent(previous -> {
                    LOG.warnf("Template %s keeps its last valid revision %s", name, previous.contentHash().substring(0, 12));
                    next.put(name, previous);
                });
            }
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> revisions.record(next.values()));
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot record the template revisions in the database: " + e.getMessage(), e);
        }
        templates = Map.copyOf(next);
        report = new Report(Instant.now(), List.copyOf(next.keySet()), List.copyOf(problems));
        LOG.infof("Template catalog: %d template(s) from %s, %d problem(s)", next.size(), dir.toAbsolutePath(), problems.size());
        return report;
    }

    public Collection<LabTemplate> all() {
        return new TreeMap<>(templates).values();
    }

    public Optional<LabTemplate> find(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    public Report report() {
        return report;
    }
}
