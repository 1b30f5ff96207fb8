package io.atelier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers for tests that work on copies of lab-templates. */
public final class TestFiles {

    private TestFiles() {
    }

    /** Replaces {@code to} by a copy of the tree {@code from}. */
    public static Path copyTree(Path from, Path to) {
        try {
            deleteRecursively(to);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path source : files.toList()) {
                    Path dest = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(source, dest);
                    }
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
