package io.atelier.lab;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.atelier.api.RequestRefused;
import io.atelier.template.TemplateCatalog;
import io.atelier.template.TemplateSnapshot;

/**
 * The template revision a lab is shown, checked and graded against: the one kept in its plan
 * when it was created, whatever the catalog holds now.
 */
@ApplicationScoped
public class LabTemplates {

    private final TemplateCatalog templates;

    public LabTemplates(TemplateCatalog templates) {
        this.templates = templates;
    }

    /**
     * The lab's revision. A lab planned before revisions were kept with it follows the
     * catalog's current revision of its template.
     *
     * @throws RequestRefused (409) for such an old lab whose template left the catalog
     */
    public TemplateSnapshot of(Lab lab) {
        return find(lab).orElseThrow(() -> RequestRefused.conflict("Template " + lab.templateId()
                + " is no longer in the catalog, and lab " + lab.id() + " was created before labs kept their template's revision."));
    }

    /** The lab's revision, empty only for an old lab (see {@link #of}) whose template left the catalog. */
    public Optional<TemplateSnapshot> find(Lab lab) {
        TemplateSnapshot kept = lab.plan().template();
        return kept != null ? Optional.of(kept) : templates.find(lab.templateId()).map(TemplateSnapshot::of);
    }
}
