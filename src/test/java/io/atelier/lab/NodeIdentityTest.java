package io.atelier.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;

import io.atelier.node.PinnedHostKey;

/**
 * A node's identity as the platform makes it: its own SSH host key (the private half for its
 * first boot, the public half pinned) and its display password; the pin accepts that key
 * and refuses any other, naming the node. The real sshd of a lab VM is tried by RealLabTest.
 */
class NodeIdentityTest {

    /** A key and the fingerprint {@code ssh-keygen -l} printed for it. */
    static final String KNOWN = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBDSUmUk68GSgSMjm"
            + "Q4OtFgwskxK6HEVnRTHIUw3B9tCcWfeSlEbz28TG/TfJxMT8/vngWvgW9uj0ROzJ4krVty0= c";

    static byte[] blob(NodeSecrets secrets) {
        return Base64.getDecoder().decode(secrets.hostPublicKey().split(" ")[1]);
    }

    @Test
    void fingerprintsReadAsSshKeygenPrintsThem() {
        assertEquals("SHA256:MjCrTe1GSicdYiHTzPLOAcrwzhk9LKNffkRH/T0s27w", PinnedHostKey.fingerprint(KNOWN));
    }

    @Test
    void eachNodeGetsItsOwnPemHostKeyAndAnEightCharacterDisplayPassword() throws Exception {
        NodeSecrets a = NodeSecrets.generate("poste-a");
        NodeSecrets b = NodeSecrets.generate("poste-b");
        assertTrue(a.hostPrivateKey().startsWith("-----BEGIN EC PRIVATE KEY-----"), "PEM, which sshd reads");
        assertTrue(a.hostPublicKey().startsWith("ecdsa-sha2-nistp256 "), a.hostPublicKey());
        KeyPair loaded = KeyPair.load(new JSch(), a.hostPrivateKey().getBytes(StandardCharsets.US_ASCII), null);
        assertArrayEquals(blob(a), loaded.getPublicKeyBlob(), "the pinned public key is the private key's");
        assertNotEquals(a.hostPublicKey(), b.hostPublicKey());
        assertTrue(a.vncPassword().matches("[A-Za-z0-9]{8}"), a.vncPassword());
        assertNotEquals(a.vncPassword(), b.vncPassword());
        assertFalse(a.toString().contains(a.vncPassword()) || a.toString().contains("PRIVATE"), a.toString());
    }

    @Test
    void thePinAcceptsTheNodesKeyRefusesAnyOtherAndNeverLearnsOne() throws Exception {
        NodeSecrets a = NodeSecrets.generate("poste-a");
        NodeSecrets impostor = NodeSecrets.generate("poste-b");
        PinnedHostKey pin = PinnedHostKey.of("poste-a", a.hostPublicKey());
        assertEquals(HostKeyRepository.OK, pin.check("10.215.0.2", blob(a)));
        assertNull(pin.refusal("10.215.0.2"));

        assertEquals(HostKeyRepository.CHANGED, pin.check("10.215.0.2", blob(impostor)));
        String refusal = pin.refusal("10.215.0.2");
        assertTrue(refusal.contains("node poste-a (10.215.0.2)") && refusal.contains(PinnedHostKey.fingerprint(impostor.hostPublicKey()))
                && refusal.contains(PinnedHostKey.fingerprint(a.hostPublicKey())) && refusal.contains("refused"), refusal);

        pin.add(new HostKey("10.215.0.2", blob(impostor)), null); // what JSch does to "learn" a key
        assertEquals(HostKeyRepository.CHANGED, pin.check("10.215.0.2", blob(impostor)), "nothing was learnt");
        assertEquals(1, pin.getHostKey().length);
        assertEquals(0, pin.getHostKey("10.215.0.2", "ssh-ed25519").length, "no other key type is known");
    }

    @Test
    void aSessionChecksHostKeysStrictlyAgainstThePin() throws Exception {
        NodeSecrets a = NodeSecrets.generate("poste-a");
        Session session = new JSch().getSession("atelier", "10.215.0.2", 22);
        PinnedHostKey pin = PinnedHostKey.pin(session, "poste-a", a.hostPublicKey());
        assertSame(pin, session.getHostKeyRepository());
        assertEquals("yes", session.getConfig("StrictHostKeyChecking"));
    }

    @Test
    void theFirstBootConfigCarriesTheHostKeyOnOneLine() {
        NodeSecrets a = NodeSecrets.generate("poste");
        LabPlan.Node node = new LabPlan.Node("poste", "debian-base", 256, 1, "d", "v", 1, "10.215.0.2", "52:54:00:00:00:01",
                List.of(), List.of("ssh"), null, a.hostPublicKey());
        Instant now = Instant.now();
        Lab lab = new Lab(UUID.randomUUID(), "un-poste", "h", "stagiaire1", "formateur1", LabState.REQUESTED, null,
                new LabPlan(List.of(), List.of(node)), Map.of(), "motdepasse", "prv", "ecdsa-sha2-nistp256 AAAA lab", now,
                now, null, now);
        String config = FirstBootConfig.of(lab, node, 24, a.hostPrivateKey());
        List<String> keys = config.lines().filter(l -> l.startsWith("host_key=")).toList();
        assertEquals(1, keys.size(), config);
        assertEquals(a.hostPrivateKey(), new String(Base64.getDecoder().decode(keys.get(0).substring("host_key=".length())),
                StandardCharsets.US_ASCII));
        assertFalse(FirstBootConfig.of(lab, node, 24, null).contains("host_key="), "no key: the node makes its own");
    }
}
