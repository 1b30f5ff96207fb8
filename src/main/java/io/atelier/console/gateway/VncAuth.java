package io.atelier.console.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * VNC Authentication (RFB security type 2, RFC 6143 section 7.2.2): the server sends a random 16-byte
 * challenge, the client answers with it encrypted by DES in ECB mode, keyed by the password truncated
 * or zero-padded to 8 bytes. As every VNC implementation since the original one does, each key byte is
 * used with its bits in reverse order (bit 0 becomes bit 7), which RFC 6143 leaves implicit.
 */
public final class VncAuth {

    public static final int CHALLENGE_LENGTH = 16;

    private VncAuth() {
    }

    /** The 16-byte response to {@code challenge} for {@code password} (UTF-8 bytes, first 8 used). */
    public static byte[] response(byte[] challenge, String password) {
        if (challenge.length != CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("VNC challenge must be 16 bytes, got " + challenge.length);
        }
        byte[] key = Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), 8);
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (Integer.reverse(key[i] & 0xff) >>> 24);
        }
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
            return des.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES is not available in this JVM", e);
        }
    }
}
