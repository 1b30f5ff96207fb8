package io.atelier.lab;

import java.security.SecureRandom;

/**
 * What the platform generates for each node of a lab and keeps sealed at rest
 * ({@link NodeSecretStore}): the node's SSH host key (ECDSA P-256, private half in PEM,
 * which sshd reads; the public half goes into the lab's plan and is pinned by every SSH
 * client of the platform) and the password of its VNC display (VNC authentication uses 8
 * characters).
 */
public record NodeSecrets(String hostPrivateKey, String hostPublicKey, String vncPassword) {

    static final int VNC_PASSWORD_LENGTH = 8;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static NodeSecrets generate(String node) {
        LabKeys host = LabKeys.generate("atelier-host-" + node);
        StringBuilder password = new StringBuilder(VNC_PASSWORD_LENGTH);
        for (int i = 0; i < VNC_PASSWORD_LENGTH; i++) password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return new NodeSecrets(host.privateKey(), host.publicKey(), password.toString());
    }

    @Override
    public String toString() {
        return "NodeSecrets[host key " + hostPublicKey + ", private key and VNC password hidden]";
    }
}
