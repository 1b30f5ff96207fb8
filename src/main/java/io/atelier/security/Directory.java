package io.atelier.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The people a trainer can put in a session, read from Keycloak's admin API with the
 * platform's own service account (client credentials; it may only view users and groups):
 * the users holding the trainee role, and the groups with their trainee members.
 */
@ApplicationScoped
public class Directory {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    IdentityConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public record Person(String username, String name) {
    }

    public record Group(String name, List<String> members) {
    }

    public record Listing(List<Person> trainees, List<Group> groups) {
    }

    /** Thrown when the directory cannot be read; the message says why. */
    public static class UnavailableException extends RuntimeException {
        UnavailableException(String message) {
            super(message);
        }
    }

    public Listing trainees() {
        String token = token();
        List<Person> trainees = new ArrayList<>();
        for (JsonNode u : get(token, "/roles/" + Roles.TRAINEE + "/users?briefRepresentation=true&first=0&max=5000")) {
            String name = (u.path("firstName").asText("") + " " + u.path("lastName").asText("")).strip();
            trainees.add(new Person(u.path("username").asText(), name.isEmpty() ? null : name));
        }
        trainees.sort(Comparator.comparing(Person::username));
        Set<String> known = new TreeSet<>(trainees.stream().map(Person::username).toList());
        List<Group> groups = new ArrayList<>();
        for (JsonNode g : get(token, "/groups?briefRepresentation=true&first=0&max=1000")) {
            List<String> members = new ArrayList<>();
            for (JsonNode m : get(token, "/groups/" + g.path("id").asText() + "/members?briefRepresentation=true&first=0&max=5000")) {
                String username = m.path("username").asText();
                if (known.contains(username)) members.add(username);
            }
            members.sort(Comparator.naturalOrder());
            groups.add(new Group(g.path("name").asText(), members));
        }
        groups.sort(Comparator.comparing(Group::name));
        return new Listing(trainees, groups);
    }

    private String token() {
        String form = "grant_type=client_credentials&client_id=" + enc(config.platformClientId()) + "&client_secret="
                + enc(config.platformSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.realmUrl() + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode answer = send(request, "the platform's login to Keycloak (client " + config.platformClientId() + ")");
        return answer.path("access_token").asText();
    }

    private JsonNode get(String token, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.url() + "/admin/realms/" + config.realm() + path))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + token).GET().build();
        return send(request, "Keycloak's directory (" + path.replaceFirst("\\?.*", "") + ")");
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UnavailableException(what + " answered " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UnavailableException(what + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(what + " was interrupted");
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
