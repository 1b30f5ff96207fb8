package io.atelier.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * Folders and files only the platform's own user may read: the data directory, the
 * recordings, password files. A folder is created 0700 and tightened to 0700 when it is
 * found wider; a file is created 0600 (and tightened the same way).
 */
public final class PrivateFiles {

    private static final Logger LOG = Logger.getLogger(PrivateFiles.class);
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {
    }

    /** {@code dir} exists and is 0700 (its missing parents are created 0700 too); returns it. */
    public static Path folder(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            Path parent = absolute.getParent();
            if (parent != null && !Files.isDirectory(parent)) folder(parent);
            try {
                Files.createDirectory(absolute, attribute(FOLDER));
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile (another thread, or a file in the way: the check below says which)
            }
        }
        tighten(absolute, FOLDER);
        return dir;
    }

    /** Creates {@code file} empty with mode 0600 (its folder 0700); it must not exist. */
    public static Path newFile(Path file) throws IOException {
        folder(file.toAbsolutePath().getParent());
        return Files.createFile(file, attribute(FILE));
    }

    /**
     * The secret kept in {@code file} (its first line), generated (32 random bytes, base64url)
     * and written 0600 when the file is missing or empty; a file readable by others is tightened.
     */
    public static String secret(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            tighten(file, FILE);
        } else {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.deleteIfExists(file);
            Files.writeString(newFile(file), fresh + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            LOG.infof("Generated a secret in %s (0600)", file.toAbsolutePath());
        }
        String value = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        if (value.isEmpty()) throw new IOException(file.toAbsolutePath() + " holds no secret on its first line");
        return value;
    }

    /** Sets {@code path} to {@code wanted} when its mode differs (a warning says so). */
    public static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (!actual.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            LOG.warnf("%s was %s: set to %s, only the platform's user may read it", path.toAbsolutePath(),
                    PosixFilePermissions.toString(actual), PosixFilePermissions.toString(wanted));
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
