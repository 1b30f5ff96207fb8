package io.atelier.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when Keycloak answers for the realm: without it nobody can log in and no
 * token can be checked against fresh keys.
 */
@Readiness
@ApplicationScoped
public class KeycloakReadinessCheck implements HealthCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    IdentityConfig identity;

    @Override
    public HealthCheckResponse call() {
        String discovery = identity.realmUrl() + "/.well-known/openid-configuration";
        var response = HealthCheckResponse.named("Keycloak").withData("realm", identity.realmUrl());
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.status(answer.statusCode() == 200).withData("status", answer.statusCode()).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())).build();
        }
    }
}
