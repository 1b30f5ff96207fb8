package io.atelier.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;

/**
 * The one host key a node may present: the public key the platform generated for it at the
 * lab's creation (in the lab's plan), as the JSch host key repository of every SSH session
 * the platform opens to a node, with {@code StrictHostKeyChecking=yes}. It never learns a
 * key: a node presenting another (another machine answering at its address, a trainee who
 * replaced it) is refused, and {@link #refusal} says so naming the node.
 */
public final class PinnedHostKey implements HostKeyRepository {

    private final String node;
    private final HostKey expected;
    private final byte[] expectedBlob;
    private volatile byte[] presented;

    private PinnedHostKey(String node, String publicKey) {
        this.node = node;
        String[] parts = publicKey.strip().split("\\s+");
        if (parts.length < 2) throw new IllegalArgumentException("not an SSH public key line: " + publicKey);
        this.expectedBlob = Base64.getDecoder().decode(parts[1]);
        try {
            this.expected = new HostKey(node, expectedBlob);
        } catch (JSchException e) {
            throw new IllegalArgumentException("unusable host key of node " + node + ": " + e.getMessage(), e);
        }
    }

    /** A repository holding only {@code publicKey} ({@code <type> <base64> [comment]}) for {@code node}. */
    public static PinnedHostKey of(String node, String publicKey) {
        return new PinnedHostKey(node, publicKey);
    }

    /**
     * Makes {@code session} accept only the node's pinned key. A node of a lab stored before
     * the platform generated host keys has none: its key is then not checked (as before).
     *
     * @return the repository, to explain a refusal; null when nothing is pinned
     */
    public static PinnedHostKey pin(Session session, String node, String publicKey) {
        if (publicKey == null) {
            session.setConfig("StrictHostKeyChecking", "no");
            return null;
        }
        PinnedHostKey pin = of(node, publicKey);
        session.setHostKeyRepository(pin);
        session.setConfig("StrictHostKeyChecking", "yes");
        return pin;
    }

    @Override
    public int check(String host, byte[] key) {
        presented = key.clone();
        return Arrays.equals(key, expectedBlob) ? OK : CHANGED;
    }

    /** Whether the last key seen was not the pinned one. */
    public boolean refused() {
        byte[] seen = presented;
        return seen != null && !Arrays.equals(seen, expectedBlob);
    }

    /**
     * The sentence for a connection refused because of the host key, or null when the key was
     * not the problem.
     */
    public String refusal(String host) {
        if (!refused()) return null;
        return "node " + node + " (" + host + ") presented the SSH host key " + fingerprint(presented)
                + ", not the one the platform generated for it (" + fingerprint(expectedBlob)
                + "): connection refused, another machine may be answering at its address";
    }

    /** {@code SHA256:<base64>} as {@code ssh-keygen -l} prints it. */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of a public key line. */
    public static String fingerprint(String publicKey) {
        return fingerprint(Base64.getDecoder().decode(publicKey.strip().split("\\s+")[1].getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // never learns a key
    }

    @Override
    public void remove(String host, String type) {
        // the pinned key stays
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // the pinned key stays
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return "the host key the platform generated for node " + node;
    }

    @Override
    public HostKey[] getHostKey() {
        return new HostKey[] { expected };
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return type == null || type.equals(expected.getType()) ? new HostKey[] { expected } : new HostKey[0];
    }
}
