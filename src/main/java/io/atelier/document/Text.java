package io.atelier.document;

/**
 * A user-facing text in French, and optionally English. French is the reference:
 * it is required and is what a jury reads; English falls back to it.
 */
public record Text(String fr, String en) {

    /** The text in a language ("fr", "en"); French when there is no translation. */
    public String in(String language) {
        return "en".equals(language) && en != null ? en : fr;
    }
}
