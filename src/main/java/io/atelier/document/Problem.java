package io.atelier.document;

/**
 * One thing wrong in a file an author wrote: where it is and what was expected.
 *
 * @param file    the file, as the author would type it (relative to the working directory when possible)
 * @param line    1-based line in the file, or 0 when unknown
 * @param path    where in the document, as a JSON path such as {@code $.nodes[1].nics[0].ip}
 * @param message what is wrong and what was expected, in plain words
 */
public record Problem(String file, int line, String path, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + path + ": " + message;
    }
}
