package io.atelier.console;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;

/** The graphical consoles open now, with their lab and user, so that the platform can close a trainee's when their lab closes. */
@ApplicationScoped
public class OpenDisplays {

    private record Viewer(UUID lab, String user) {
    }

    private final Map<Session, Viewer> open = new ConcurrentHashMap<>();

    void opened(Session socket, UUID lab, String user) {
        open.put(socket, new Viewer(lab, user));
    }

    void closed(Session socket) {
        open.remove(socket);
    }

    /** The sockets of {@code user}'s displays of the lab, forgotten here (the caller closes them). */
    List<Session> takeAll(UUID lab, String user) {
        List<Session> matching = open.entrySet().stream()
                .filter(e -> e.getValue().lab().equals(lab) && e.getValue().user().equals(user)).map(Map.Entry::getKey).toList();
        matching.forEach(open::remove);
        return matching;
    }
}
