package io.atelier.lab;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;

/** The per-lab SSH key pair (ECDSA P-256: JSch writes it in PEM) the platform uses to reach the lab's nodes (account {@code atelier}). */
public record LabKeys(String privateKey, String publicKey) {

    public static LabKeys generate(String comment) {
        try {
            KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
            ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
            ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
            pair.writePrivateKey(privateKey);
            pair.writePublicKey(publicKey, comment);
            pair.dispose();
            return new LabKeys(privateKey.toString(StandardCharsets.UTF_8),
                    publicKey.toString(StandardCharsets.UTF_8).strip());
        } catch (JSchException e) {
            throw new IllegalStateException("cannot generate an ECDSA P-256 key pair: " + e.getMessage(), e);
        }
    }
}
