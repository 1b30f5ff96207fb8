package io.atelier.grading;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.lab.Lab;
import io.atelier.lab.LabAccess;
import io.atelier.security.Roles;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;

/**
 * A graded lab's evaluation grid for the staff, chosen by {@code Accept}: JSON, CSV (one row
 * per criterion) or a printable French HTML page with the evidence of every check. Overrides
 * of a criterion go here too; the checks' results themselves cannot be changed.
 */
@Path("/labs/{id}/report")
@Tag(name = "Rendu et notation")
@Blocking
public class ReportResource {

    @Inject
    LabAccess access;

    @Inject
    SubmissionService submissions;

    @Inject
    Template grille;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The evaluation grid (JSON): points and acquired criteria per block and competency, each check's evidence, the overrides' audit log")
    public Report json(@PathParam("id") String id) {
        return report(id);
    }

    @GET
    @Produces(ReportCsv.MEDIA_TYPE)
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The evaluation grid as a spreadsheet: one row per trainee × criterion (UTF-8, ';')")
    public Response csv(@PathParam("id") String id) {
        Report report = report(id);
        return Response.ok(ReportCsv.write(List.of(report)), ReportCsv.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(report) + ".csv\"").build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "The printable evaluation grid (French HTML) with the evidence of each check")
    public Response html(@PathParam("id") String id) {
        Report report = report(id);
        return Response.ok(grille.data("report", report).render(), MediaType.TEXT_HTML + "; charset=UTF-8").build();
    }

    /** {@code acquired} and a {@code reason} are required. */
    public record OverrideRequest(Boolean acquired, String reason) {
    }

    @PUT
    @Path("criteria/{criterion}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TRAINER, Roles.VALIDATOR, Roles.ADMIN })
    @Operation(summary = "Decide a criterion (acquired or not) with a reason; the audit log keeps the computed and the replaced values")
    public Report override(@PathParam("id") String id, @PathParam("criterion") String criterion, OverrideRequest request) {
        Lab lab = access.visible(id);
        if (request == null || request.acquired() == null) {
            throw new BadRequestException("The body must be JSON {\"acquired\": true|false, \"reason\": \"…\"}; acquired is missing.");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new BadRequestException("A reason is required to change a criterion's decision: say why, it is kept in the audit log.");
        }
        if (request.reason().length() > 2000) {
            throw new BadRequestException("The reason is " + request.reason().length() + " characters long; expected at most 2000.");
        }
        return submissions.override(lab, criterion, request.acquired(), request.reason(), access.me());
    }

    private Report report(String id) {
        Lab lab = access.visible(id);
        Report report = submissions.report(lab);
        if (report == null) throw new NotFoundException("Lab " + id + " has not been submitted yet: no grid before its final run.");
        return report;
    }

    private static String fileName(Report report) {
        return "grille-" + report.trainee() + "-" + report.labId().toString().substring(0, 8);
    }
}
