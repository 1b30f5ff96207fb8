package io.atelier.template;

import java.io.IOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.referential.ReferentialCatalog;
import io.atelier.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The template catalog. */
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue")
public class TemplateResource {

    @Inject
    TemplateCatalog catalog;

    @Inject
    ReferentialCatalog referentials;

    @Inject
    TemplateRevisions revisions;

    public record RevisionView(int version, String contentHash, OffsetDateTime firstSeen, boolean current) {
    }

    @GET
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "List the lab templates: title, duration, node count, criteria covered")
    public List<TemplateViews.Summary> list() {
        return catalog.all().stream().map(t -> TemplateViews.summary(t, referentialOf(t))).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "One template: machines, networks, tasks, and the criteria and points of each check (never its command)")
    public TemplateViews.Detail get(@PathParam("id") String id) {
        LabTemplate t = template(id);
        return TemplateViews.detail(t, referentialOf(t));
    }

    @GET
    @Path("/{id}/source")
    @Produces("application/yaml")
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The template.yaml, with its check commands (trainers, validators, administrators)")
    public String source(@PathParam("id") String id) throws IOException {
        return Files.readString(template(id).folder().resolve(TemplateLoader.TEMPLATE_FILE));
    }

    @GET
    @Path("/{id}/revisions")
    @WithSession
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The revisions of a template the platform has seen, newest first")
    public Uni<List<RevisionView>> revisions(@PathParam("id") String id) {
        LabTemplate current = template(id);
        return revisions.of(id).map(list -> list.stream()
                .map(r -> new RevisionView(r.version, r.contentHash, r.firstSeen, r.contentHash.equals(current.contentHash())))
                .toList());
    }

    private LabTemplate template(String id) {
        return catalog.find(id).orElseThrow(() -> new NotFoundException("No template '" + id + "' in the catalog"));
    }

    private io.atelier.referential.Referential referentialOf(LabTemplate t) {
        return referentials.find(t.spec().referential()).orElseThrow();
    }
}
