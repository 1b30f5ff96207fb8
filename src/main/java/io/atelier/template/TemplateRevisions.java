package io.atelier.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Records the revisions of templates in the database and lists them. */
@ApplicationScoped
public class TemplateRevisions {

    private static final Logger LOG = Logger.getLogger(TemplateRevisions.class);

    /** Records each template's revision unless already known; warns when content changed but not the version. */
    public Uni<Void> record(Collection<LabTemplate> templates) {
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (LabTemplate template : templates) {
                chain = chain.chain(() -> recordOne(template));
            }
            return chain;
        });
    }

    private Uni<Void> recordOne(LabTemplate template) {
        return TemplateRevision.<TemplateRevision>find("templateId = ?1 and contentHash = ?2", template.id(), template.contentHash())
                .firstResult()
                .chain(existing -> existing != null ? Uni.createFrom().voidItem() : insert(template));
    }

    private Uni<Void> insert(LabTemplate template) {
        return TemplateRevision.count("templateId = ?1 and version = ?2", template.id(), template.spec().version())
                .chain(sameVersion -> {
                    if (sameVersion > 0) {
                        LOG.warnf("Template %s changed but its version is still %d: bump 'version' in its template.yaml so "
                                + "labs and grades can tell the revisions apart", template.id(), template.spec().version());
                    }
                    TemplateRevision revision = new TemplateRevision();
                    revision.templateId = template.id();
                    revision.version = template.spec().version();
                    revision.contentHash = template.contentHash();
                    revision.templateYaml = read(template);
                    revision.firstSeen = OffsetDateTime.now();
                    return revision.persist().replaceWithVoid();
                });
    }

    private static String read(LabTemplate template) {
        try {
            return Files.readString(template.folder().resolve(TemplateLoader.TEMPLATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The revisions of a template, newest first. */
    public Uni<List<TemplateRevision>> of(String templateId) {
        return TemplateRevision.<TemplateRevision>find("templateId = ?1 order by firstSeen desc, id desc", templateId).list();
    }
}
