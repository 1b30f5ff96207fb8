package io.atelier.referential;

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

import io.atelier.document.Text;
import io.atelier.security.Roles;

/** The certification frameworks, for the catalog and for trainers choosing a lab. */
@Path("/referentiels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Référentiels")
public class ReferentialResource {

    @Inject
    ReferentialCatalog catalog;

    /** A referential in a list: its size, without its tree. */
    public record ReferentialSummary(String id, Text title, String certifier, String level, String source, int blocks,
            long competencies, long criteria, long verifiableCriteria) {

        static ReferentialSummary of(Referential r) {
            return new ReferentialSummary(r.id(), r.title(), r.certifier(), r.level(), r.source(), r.blocks().size(),
                    r.competencyCount(), r.criteria().count(), r.criteria().filter(p -> p.criterion().verifiable()).count());
        }
    }

    @GET
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "List the certification frameworks")
    public List<ReferentialSummary> list() {
        return catalog.all().stream().map(ReferentialSummary::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TRAINEE, Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "One framework: blocks, competencies and evaluation criteria")
    public Referential get(@PathParam("id") String id) {
        return catalog.find(id).orElseThrow(() -> new NotFoundException("No referential '" + id + "'"));
    }
}
