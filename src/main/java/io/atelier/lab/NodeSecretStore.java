package io.atelier.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.atelier.security.SecretBox;

/**
 * The nodes' {@link NodeSecrets}, in their {@code lab_node} rows (migration V7), sealed with
 * {@link SecretBox} for their place ({@code lab:<id>:host-key:<node>},
 * {@code lab:<id>:vnc-password:<node>}): a copy of the database alone reveals neither.
 */
@ApplicationScoped
public class NodeSecretStore {

    private final DataSource db;
    private final SecretBox box;

    public NodeSecretStore(DataSource db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    /** Stores the secrets of a lab's nodes on the connection that inserts the lab (same transaction). */
    public void write(Connection c, UUID lab, Map<String, NodeSecrets> secrets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update lab_node set host_key = ?, vnc_password = ? where lab_id = ? and name = ?")) {
            for (Map.Entry<String, NodeSecrets> e : secrets.entrySet()) {
                ps.setString(1, box.seal(hostKeyContext(lab, e.getKey()), e.getValue().hostPrivateKey()));
                ps.setString(2, box.seal(vncContext(lab, e.getKey()), e.getValue().vncPassword()));
                ps.setObject(3, lab);
                ps.setString(4, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The secrets of one node, opened; empty for a lab created before the platform generated
     * them (its node keeps the host key it made itself, its display has no password).
     */
    public Optional<NodeSecrets> of(Lab lab, LabPlan.Node node) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select host_key, vnc_password from lab_node where lab_id = ? and name = ?")) {
            ps.setObject(1, lab.id());
            ps.setString(2, node.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) return Optional.empty();
                return Optional.of(new NodeSecrets(box.open(hostKeyContext(lab.id(), node.name()), rs.getString(1)),
                        node.hostKey(), box.open(vncContext(lab.id(), node.name()), rs.getString(2))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the secrets of node " + node.name() + " of lab " + lab.id()
                    + ": " + e.getMessage(), e);
        }
    }

    static String hostKeyContext(UUID lab, String node) {
        return "lab:" + lab + ":host-key:" + node;
    }

    static String vncContext(UUID lab, String node) {
        return "lab:" + lab + ":vnc-password:" + node;
    }
}
