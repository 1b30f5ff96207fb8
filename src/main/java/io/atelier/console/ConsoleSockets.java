package io.atelier.console;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.websocket.Session;

/** What the console WebSocket endpoints share: reading the ticket, and close reasons that fit the protocol. */
final class ConsoleSockets {

    private ConsoleSockets() {
    }

    /** The {@code ticket} query parameter, or null. */
    static String ticketOf(Session session) {
        List<String> values = session.getRequestParameterMap().get("ticket");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A WebSocket close reason holds at most 123 bytes of UTF-8. */
    static String closeText(String message) {
        String text = message == null ? "" : message;
        while (text.getBytes(StandardCharsets.UTF_8).length > 123) text = text.substring(0, text.length() - 1);
        return text;
    }
}
