package io.atelier.pool;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.atelier.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** For administrators: each hot pool's size and how many of its labs wait or are being made (never the labs themselves). */
@Path("/admin/pools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class PoolResource {

    @Inject
    PoolService pools;

    @GET
    @Blocking
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The templates that keep a hot pool or still have pooled labs: labs wanted, waiting, being made")
    public List<PoolService.PoolStatus> pools() {
        return pools.status();
    }
}
