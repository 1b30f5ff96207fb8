package io.atelier.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing secrets at rest with a key kept in a 0600 file outside the database. */
class SecretBoxTest {

    @TempDir
    Path dir;

    @Test
    void aSealedValueOpensWithItsKeyAndContextAndDoesNotShowThePlainText() {
        SecretBox box = new SecretBox(dir.resolve("data/secrets.key"));
        String sealed = box.seal("lab:1:password", "motdepasse-42");
        assertTrue(sealed.startsWith(SecretBox.PREFIX));
        assertFalse(sealed.contains("motdepasse"));
        assertEquals("motdepasse-42", box.open("lab:1:password", sealed));
        assertTrue(!sealed.equals(box.seal("lab:1:password", "motdepasse-42")), "a fresh nonce each time");
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
        Path key = dir.resolve("data/secrets.key");
        new SecretBox(key).seal("x", "y");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
    }

    @Test
    void aValueMovedToAnotherPlaceOrOpenedWithAnotherKeyIsRefused() {
        SecretBox box = new SecretBox(dir.resolve("a.key"));
        String sealed = box.seal("lab:1:password", "secret");
        assertThrows(IllegalStateException.class, () -> box.open("lab:2:password", sealed));
        assertThrows(IllegalStateException.class, () -> new SecretBox(dir.resolve("b.key")).open("lab:1:password", sealed));
    }

    @Test
    void aValueStoredBeforeSealingReadsAsItIsAndNullStaysNull() {
        SecretBox box = new SecretBox(dir.resolve("c.key"));
        assertEquals("plain", box.open("any", "plain"));
        assertNull(box.seal("any", null));
        assertNull(box.open("any", null));
    }

    @Test
    void aKeyFileLeftReadableByOthersIsTightened() throws Exception {
        Path key = dir.resolve("d.key");
        new SecretBox(key).seal("x", "y");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        String sealed = new SecretBox(key).seal("x", "z");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("z", new SecretBox(key).open("x", sealed));
    }

    @Test
    void aMacVerifiesOnlyForItsKeyPurposeAndText() {
        SecretBox box = new SecretBox(dir.resolve("e.key"));
        String mac = box.mac("check-run", "résultats");
        assertTrue(mac.matches("[0-9a-f]{64}"), mac);
        assertTrue(new SecretBox(dir.resolve("e.key")).verifies("check-run", "résultats", mac), "the same key file, later");
        assertFalse(box.verifies("check-run", "résultats modifiés", mac));
        assertFalse(box.verifies("other", "résultats", mac), "a MAC made for one purpose serves no other");
        assertFalse(new SecretBox(dir.resolve("f.key")).verifies("check-run", "résultats", mac), "another key");
        assertFalse(box.verifies("check-run", "résultats", null));
    }
}
