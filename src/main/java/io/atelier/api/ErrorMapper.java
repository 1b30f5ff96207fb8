package io.atelier.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.atelier.hypervisor.HypervisorException;

/** Every API error answers JSON {@code {"status": …, "error": "…"}} that a person can read. */
public class ErrorMapper {

    public record ApiError(int status, String error) {
    }

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        String message = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        Response.ResponseBuilder answer = error(status, message);
        // headers the caller acts on (Retry-After of a 429…) survive; the body is ours
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    /** A refusal of a service: its status and message. */
    @ServerExceptionMapper
    public Response map(RequestRefused e) {
        return error(e.status(), e.getMessage()).build();
    }

    /** libvirt did not answer: the platform cannot act on VMs now (503), which the caller may retry. */
    @ServerExceptionMapper
    public Response map(HypervisorException e) {
        return error(503, "The hypervisor is not available: " + e.getMessage()).build();
    }

    private static Response.ResponseBuilder error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message));
    }
}
