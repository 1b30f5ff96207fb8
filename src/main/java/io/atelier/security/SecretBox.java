package io.atelier.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Secrets at rest (the labs' SSH private keys, trainee passwords, node host keys) sealed
 * with AES-256-GCM under a key that lives outside the database: the file
 * {@code atelier.secrets.key-file} (mode 0600, in a 0700 folder, created at the first use).
 * A copy of the database alone reveals none of them.
 *
 * <p>A sealed value is {@value #PREFIX} then base64 of a 12-byte nonce and the ciphertext
 * with its tag. The {@code context} (for instance {@code lab:<id>:ssh-private-key}) is
 * authenticated with it, so a sealed value moved to another row or column does not open.
 * A value without the prefix was stored before sealing existed and reads as it is.
 */
@ApplicationScoped
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    public static final String PREFIX = "sealed:v1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    public SecretBox(@ConfigProperty(name = "atelier.secrets.key-file") Path keyFile) {
        this.keyFile = keyFile;
    }

    /** Seals {@code plain} for {@code context}; null stays null. */
    public String seal(String context, String plain) {
        if (plain == null) return null;
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret: " + e.getMessage(), e);
        }
    }

    /**
     * The plain text of a value {@link #seal sealed} for {@code context}; a value stored
     * before sealing existed (no prefix) is answered as it is; null stays null.
     *
     * @throws IllegalStateException when the value was sealed with another key or for another context
     */
    public String open(String context, String stored) {
        if (stored == null || !isSealed(stored)) return stored;
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (in.length < NONCE + TAG_BITS / 8) throw new GeneralSecurityException("too short");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a secret (" + context + ") cannot be opened with the key " + keyFile
                    + ": it was sealed with another key or for another place (" + e.getMessage() + ")", e);
        }
    }

    /**
     * An HMAC-SHA256 (hex) of {@code text} for {@code purpose}, under a key derived from the
     * secrets key (so, like it, outside the database): whoever can write the database but not
     * read the key file cannot compute one. Check one with {@link #verifies}.
     */
    public String mac(String purpose, String text) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(key());
            byte[] sub = derive.doFinal(("atelier:mac:v1:" + purpose).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sub, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a MAC: " + e.getMessage(), e);
        }
    }

    /** Whether {@code claimed} is the {@link #mac} of {@code text} for {@code purpose} (compared in constant time). */
    public boolean verifies(String purpose, String text, String claimed) {
        if (claimed == null) return false;
        return MessageDigest.isEqual(mac(purpose, text).getBytes(StandardCharsets.US_ASCII),
                claimed.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Where the key lives (for messages and the documentation). */
    public Path keyFile() {
        return keyFile;
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) key = load();
                k = key;
            }
        }
        return k;
    }

    /** Reads the key file, creating it (0600, folder 0700) with 256 random bits when it is missing. */
    private SecretKeySpec load() {
        try {
            Path file = keyFile.toAbsolutePath();
            if (!Files.exists(file)) {
                create(file);
            }
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                LOG.warnf("The secrets key %s was readable by others: set to 0600", file);
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file).strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("the secrets key " + file + " holds " + bytes.length
                        + " bytes; expected 32 (base64 of a 256-bit key)");
            }
            return new SecretKeySpec(bytes, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key " + keyFile + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the secrets key " + keyFile + " is not base64: " + e.getMessage(), e);
        }
    }

    private void create(Path file) throws IOException {
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        try {
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY)),
                    Base64.getEncoder().encodeToString(bytes) + "\n", StandardOpenOption.WRITE);
            LOG.infof("Secrets key created: %s (0600); keep it with the backups of the database, apart from them", file);
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: read theirs
        }
    }
}
