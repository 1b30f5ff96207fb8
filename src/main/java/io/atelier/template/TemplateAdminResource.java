package io.atelier.template;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** For administrators: what the catalog loaded, what it could not, and reading the files again. */
@Path("/admin/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class TemplateAdminResource {

    @Inject
    TemplateCatalog catalog;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The last load of the template folder: templates offered and problems found")
    public TemplateCatalog.Report report() {
        return catalog.report();
    }

    @POST
    @Path("/reload")
    @Blocking
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Read the template folder again; a template that became invalid keeps its last valid revision")
    public TemplateCatalog.Report reload() {
        return catalog.reload();
    }
}
