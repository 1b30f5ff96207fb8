package io.atelier.prove;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.atelier.api.RequestRefused;
import io.atelier.security.Roles;
import io.atelier.template.TemplateCatalog;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * For administrators and template authors ({@code ./atelier prove}): proves a template of
 * the catalog on a real lab, in the background, one proof at a time (it takes the host's
 * CPUs), or as many side by side as {@code atelier.proofs.side-by-side} says (the platform
 * {@code ./atelier test} starts for the shipped templates' proofs); its progress is read
 * line by line. Proofs are kept in memory until the platform
 * stops: they are a tool, not records.
 */
@Path("/admin/proofs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@Blocking
public class ProofResource {

    private static final Logger LOG = Logger.getLogger(ProofResource.class);

    @Inject
    Prover prover;

    @Inject
    TemplateCatalog catalog;

    @Inject
    SecurityIdentity identity;

    /** Proofs kept to be read: the last ones (only the newest can be running). */
    static final int KEPT = 10;
    private static final Map<String, Job> JOBS = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > KEPT;
        }
    });
    private static final AtomicInteger RUNNING = new AtomicInteger();

    /** Proofs this platform runs at once (the prover shares the host between them: Prover's PACE). */
    @ConfigProperty(name = "atelier.proofs.side-by-side", defaultValue = "1")
    int sideBySide;

    /** A proof asked for. */
    public record ProofRequest(String template) {
    }

    /**
     * A proof as read: {@code state} RUNNING, PROVED or FAILED; {@code lines} from the one
     * asked for ({@code from}); {@code next} the index to ask for next; {@code summary} once done.
     */
    public record ProofView(String id, String template, String state, List<String> lines, int next, String summary,
            List<String> surprises) {
    }

    static final class Job {
        final String id = UUID.randomUUID().toString();
        final String template;
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile Prover.Proof proof;
        volatile String failure;

        Job(String template) {
            this.template = template;
        }

        String state() {
            if (failure != null) return "FAILED";
            if (proof == null) return "RUNNING";
            return proof.proved() ? "PROVED" : "FAILED";
        }

        ProofView view(int from) {
            List<String> snapshot = List.copyOf(lines);
            int start = Math.max(0, Math.min(from, snapshot.size()));
            Prover.Proof p = proof;
            return new ProofView(id, template, state(), snapshot.subList(start, snapshot.size()), snapshot.size(),
                    p != null ? p.summary() : failure, p != null ? p.surprises() : failure != null ? List.of(failure) : List.of());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Prove a template on a real lab (202; one proof at a time unless atelier.proofs.side-by-side allows more): untouched lab, counterexamples, alternatives, solutions, reboot")
    public Response start(ProofRequest request) {
        if (request == null || request.template() == null || request.template().isBlank()) {
            throw RequestRefused.badRequest("The body must be JSON {\"template\": \"<template id>\"}.");
        }
        String template = request.template().strip();
        if (catalog.find(template).isEmpty()) {
            throw RequestRefused.notFound("No template '" + template + "' in the catalog; it has: "
                    + String.join(", ", catalog.all().stream().map(t -> t.id()).sorted().toList())
                    + ". A template with problems is left out of it: ./atelier validate names them.");
        }
        if (RUNNING.incrementAndGet() > Math.max(1, sideBySide)) {
            RUNNING.decrementAndGet();
            throw RequestRefused.conflict(sideBySide <= 1 ? "A proof is already running; one at a time (it takes the host's CPUs)."
                    : "Already " + sideBySide + " proofs running, as many as this platform runs side by side "
                            + "(atelier.proofs.side-by-side).");
        }
        Job job = new Job(template);
        JOBS.put(job.id, job);
        String actor = identity.getPrincipal().getName();
        Thread.ofVirtual().name("proof-" + template).start(() -> {
            try {
                job.proof = prover.prove(template, actor, line -> {
                    job.lines.add(line);
                    LOG.info(line);
                });
            } catch (RuntimeException e) {
                job.failure = template + ": the proof stopped: " + e.getMessage();
                job.lines.add("  ✘ " + job.failure);
                LOG.warn(job.failure, e);
            } finally {
                RUNNING.decrementAndGet();
            }
        });
        return Response.accepted(job.view(0)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "A proof's state and its progress lines from index 'from'")
    public ProofView get(@PathParam("id") String id, @QueryParam("from") int from) {
        Job job = JOBS.get(id);
        if (job == null) throw RequestRefused.notFound("No proof " + id + " (the last " + KEPT + " proofs are kept until the platform stops).");
        return job.view(from);
    }
}
