package io.atelier.lab;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.security.SecretBox;
import io.quarkus.runtime.StartupEvent;

/**
 * Labs in PostgreSQL, over plain JDBC: provisioning is blocking work on its own threads,
 * and every state change must be committed before the side effect it announces. State
 * changes are compare-and-set ({@code where state = any(expected)}), so two actors never
 * both move a lab. The lab's SSH private key and the trainee's password are sealed with
 * {@link SecretBox} (contexts {@code lab:<id>:ssh-private-key}, {@code lab:<id>:trainee-password})
 * on write and opened on read; rows stored in clear by an earlier version are sealed at start.
 */
@ApplicationScoped
public class LabStore {

    private static final Logger LOG = Logger.getLogger(LabStore.class);

    private static final String COLUMNS = "id, template_id, template_hash, trainee, created_by, state, reason, plan, "
            + "parameters, trainee_password, ssh_private_key, ssh_public_key, created_at, updated_at, ready_at, expires_at";

    private final DataSource db;
    private final ObjectMapper json;
    private final SecretBox secrets;

    public LabStore(DataSource db, ObjectMapper json, SecretBox secrets) {
        this.db = db;
        this.json = json;
        this.secrets = secrets;
    }

    static String keyContext(UUID lab) {
        return "lab:" + lab + ":ssh-private-key";
    }

    static String passwordContext(UUID lab) {
        return "lab:" + lab + ":trainee-password";
    }

    /** Free management slots, one per node, taken under a table lock with the lab's insertion. */
    public interface Planner {
        Lab plan(List<Integer> managementNumbers);
    }

    /** More rows written with the lab, in its transaction (the nodes' sealed secrets). */
    public interface Companion {
        void write(Connection c, Lab lab) throws SQLException;
    }

    /**
     * One lab to insert: its node count and memory (for the limits), how to plan it once it has
     * its slots, and what else to write with it ({@code companion}, may be null).
     */
    public record NewLab(int nodeCount, int memoryMib, Planner planner, Companion companion, Lab claim) {
        public NewLab(int nodeCount, int memoryMib, Planner planner) {
            this(nodeCount, memoryMib, planner, null, null);
        }

        public NewLab(int nodeCount, int memoryMib, Planner planner, Companion companion) {
            this(nodeCount, memoryMib, planner, companion, null);
        }

        /**
         * This request claims a hot pool's lab ({@code claim}: the pooled lab as it becomes
         * the trainee's, same id, slots and secrets, in PROVISIONING) when it is still POOLED
         * and of the same template revision; else it is inserted as a new lab.
         */
        public NewLab orClaim(Lab claimed) {
            return new NewLab(nodeCount, memoryMib, planner, companion, claimed);
        }
    }

    /** More rows written in the same transaction as the labs (a session and its trainees…). */
    public interface AlsoInTransaction {
        void write(Connection c, List<Lab> labs) throws SQLException;
    }

    /**
     * Inserts a new lab (state REQUESTED) and its nodes in one transaction that also checks
     * the limits and takes the management slots, so concurrent requests cannot overbook.
     */
    public Lab insert(int nodeCount, int memoryMib, LabLimits limits, int managementCapacity, Planner planner) {
        return insertAll(List.of(new NewLab(nodeCount, memoryMib, planner)), limits, managementCapacity, null).get(0);
    }

    /**
     * Inserts labs (REQUESTED) all or none, in one transaction with {@code also}: the limits
     * are checked for all of them together, each gets its management slots. Nothing is
     * provisioned here; a crash after the commit leaves REQUESTED labs the reconciler takes up.
     * A request that may claim a pooled lab ({@link NewLab#orClaim}) takes it by one
     * compare-and-set under the table lock (POOLED, same revision → PROVISIONING with its
     * trainee): two requests never claim one lab, and a claimed lab already counts in the
     * limits; a lab claimed meanwhile by another request leaves this one a new lab.
     */
    public List<Lab> insertAll(List<NewLab> labs, LabLimits limits, int managementCapacity, AlsoInTransaction also) {
        return inTransaction("cannot store the lab", c -> {
            try (Statement lock = c.createStatement()) {
                lock.execute("lock table lab, lab_node in share row exclusive mode");
            }
            Lab[] result = new Lab[labs.size()];
            for (int i = 0; i < labs.size(); i++) {
                Lab claim = labs.get(i).claim();
                if (claim != null && claim(c, claim)) result[i] = claim;
            }
            int[] usage = usage(c);
            int running = usage[0];
            int used = usage[1];
            for (int i = 0; i < labs.size(); i++) {
                if (result[i] != null) continue;
                limits.check(running, used, labs.get(i).memoryMib());
                running++;
                used += labs.get(i).memoryMib();
            }
            for (int i = 0; i < labs.size(); i++) {
                if (result[i] != null) continue;
                NewLab l = labs.get(i);
                List<Integer> slots = freeSlots(c, l.nodeCount(), managementCapacity);
                Lab lab = l.planner().plan(slots);
                write(c, lab, l.memoryMib());
                if (l.companion() != null) l.companion().write(c, lab);
                result[i] = lab;
            }
            List<Lab> inserted = List.of(result);
            if (also != null) also.write(c, inserted);
            return inserted;
        });
    }

    /**
     * The pooled lab becomes {@code claimed}'s trainee's if it is still POOLED and of the same
     * revision; it is created, for its trainee and its lists, when claimed.
     */
    private boolean claim(Connection c, Lab claimed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update lab set trainee = ?, created_by = ?, plan = ?::jsonb, "
                + "state = ?, reason = null, created_at = ?, updated_at = ?, expires_at = ? "
                + "where id = ? and state = 'POOLED' and trainee = '' and template_hash = ?")) {
            ps.setString(1, claimed.trainee());
            ps.setString(2, claimed.createdBy());
            ps.setString(3, write(claimed.plan()));
            ps.setString(4, claimed.state().name());
            ps.setTimestamp(5, Timestamp.from(claimed.createdAt()));
            ps.setTimestamp(6, Timestamp.from(claimed.updatedAt()));
            ps.setTimestamp(7, Timestamp.from(claimed.expiresAt()));
            ps.setObject(8, claimed.id());
            ps.setString(9, claimed.templateHash());
            if (ps.executeUpdate() != 1) return false;
        }
        event(c, claimed.id(), claimed.state(), "claimed from the template's hot pool for " + claimed.trainee(),
                claimed.createdBy());
        return true;
    }

    private void write(Connection c, Lab lab, int memoryMib) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into lab (" + COLUMNS
                + ", memory_mib) values (?,?,?,?,?,?,?,?::jsonb,?::jsonb,?,?,?,?,?,?,?,?)")) {
            ps.setObject(1, lab.id());
            ps.setString(2, lab.templateId());
            ps.setString(3, lab.templateHash());
            ps.setString(4, lab.trainee());
            ps.setString(5, lab.createdBy());
            ps.setString(6, lab.state().name());
            ps.setString(7, lab.reason());
            ps.setString(8, write(lab.plan()));
            ps.setString(9, write(lab.parameters()));
            ps.setString(10, secrets.seal(passwordContext(lab.id()), lab.traineePassword()));
            ps.setString(11, secrets.seal(keyContext(lab.id()), lab.sshPrivateKey()));
            ps.setString(12, lab.sshPublicKey());
            ps.setTimestamp(13, Timestamp.from(lab.createdAt()));
            ps.setTimestamp(14, Timestamp.from(lab.updatedAt()));
            ps.setTimestamp(15, null);
            ps.setTimestamp(16, Timestamp.from(lab.expiresAt()));
            ps.setInt(17, memoryMib);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into lab_node (lab_id, name, management_number) values (?,?,?)")) {
            for (LabPlan.Node node : lab.plan().nodes()) {
                ps.setObject(1, lab.id());
                ps.setString(2, node.name());
                ps.setInt(3, node.managementNumber());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        event(c, lab.id(), lab.state(), null, lab.createdBy());
    }

    /** Labs whose VMs are meant to run, and their memory: what counts in the host's limits. */
    private static int[] usage(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select count(*), coalesce(sum(memory_mib), 0) from lab where powered and state not in ('DESTROYED', 'EXPIRED')")) {
            rs.next();
            return new int[] { rs.getInt(1), rs.getInt(2) };
        }
    }

    private static List<Integer> freeSlots(Connection c, int count, int capacity) throws SQLException {
        List<Integer> taken = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "select management_number from lab_node where management_number is not null order by 1")) {
            while (rs.next()) taken.add(rs.getInt(1));
        }
        List<Integer> free = new ArrayList<>();
        int next = 1;
        int i = 0;
        while (free.size() < count && next <= capacity) {
            if (i < taken.size() && taken.get(i) == next) {
                i++;
            } else {
                free.add(next);
            }
            next++;
        }
        if (free.size() < count) {
            throw new LabLimits.OverLimitException("The management network has no free address left for " + count + " nodes.");
        }
        return free;
    }

    public Optional<Lab> find(UUID id) {
        List<Lab> found = query("select " + COLUMNS + " from lab where id = ?", id);
        return found.stream().findFirst();
    }

    /** Labs that are not DESTROYED nor EXPIRED, oldest first. */
    public List<Lab> live() {
        return query("select " + COLUMNS + " from lab where state not in ('DESTROYED', 'EXPIRED') order by created_at");
    }

    public List<Lab> forTrainee(String trainee) {
        return query("select " + COLUMNS + " from lab where trainee = ? and trainee <> '' "
                + "and state not in ('DESTROYED', 'EXPIRED') order by created_at desc", trainee);
    }

    /** Labs {@code user} launched (a hot pool's labs, launched by the platform, are no one's to list). */
    public List<Lab> createdBy(String user) {
        return query("select " + COLUMNS + " from lab where created_by = ? and trainee <> '' "
                + "and state not in ('DESTROYED', 'EXPIRED') order by created_at desc", user);
    }

    /** Every lab a person may be shown (not a hot pool's). */
    public List<Lab> all() {
        return query("select " + COLUMNS + " from lab where trainee <> '' and state not in ('DESTROYED', 'EXPIRED') "
                + "order by created_at desc");
    }

    /** The hot pools' labs (no trainee yet), waiting or not, oldest first. */
    public List<Lab> pooled() {
        return query("select " + COLUMNS + " from lab where trainee = '' and state not in ('DESTROYED', 'EXPIRED') "
                + "order by created_at");
    }

    /**
     * A hot pool's lab made DESTROYED (its VMs no longer count) if no request claimed it
     * meanwhile: a claim and a removal of one lab never both succeed.
     */
    public boolean removePooled(UUID id, String reason) {
        return inTransaction("cannot remove pooled lab " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("update lab set state = 'DESTROYED', reason = ?, updated_at = ?, "
                    + "powered = false where id = ? and trainee = '' and state not in ('DESTROYED', 'EXPIRED')")) {
                ps.setString(1, reason);
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                ps.setObject(3, id);
                if (ps.executeUpdate() == 0) return false;
            }
            event(c, id, LabState.DESTROYED, reason, LabService.PLATFORM);
            return true;
        });
    }

    /** The host's labs whose VMs are meant to run and their memory, as the limits count them. */
    public int[] usage() {
        return inTransaction("cannot read the host's usage", LabStore::usage);
    }

    /**
     * Moves a lab to {@code next} if it is in one of {@code expected} (compare-and-set), and
     * records the event; READY also stamps {@code ready_at}. False when the lab was elsewhere.
     * The move says whether the lab's VMs are meant to run ({@link #poweredIn}).
     */
    public boolean move(UUID id, Collection<LabState> expected, LabState next, String reason, String actor) {
        return transition(id, expected, next, reason, actor, false, null, null);
    }

    /**
     * Moves the lab to PROVISIONING to be reset: its disks must be wiped first, which the
     * row remembers ({@code wipe_pending}) until {@link #wiped} says it is done, so a crash in
     * between still wipes them. A lab not powered is checked against {@code limits} first.
     */
    public boolean moveToReset(UUID id, Collection<LabState> expected, String actor, LabLimits limits) {
        return transition(id, expected, LabState.PROVISIONING, null, actor, true, limits, null);
    }

    /** A rule checked under the table lock before a lab's VMs are powered on again (throws to refuse). */
    public interface PowerOnCheck {
        void check(Connection c) throws SQLException;
    }

    /**
     * As {@link #move}, checking the host's limits (and {@code check}) first, under the table
     * lock, when the lab's VMs are not counted yet (a start after a stop).
     */
    public boolean moveChecked(UUID id, Collection<LabState> expected, LabState next, String actor, LabLimits limits,
            PowerOnCheck check) {
        return transition(id, expected, next, null, actor, false, limits, check);
    }

    /**
     * Whether a lab in {@code state} has VMs meant to run: empty when the state does not
     * decide it (READY, SUBMITTED keep what they had; GRADED is off unless inspected).
     */
    static Optional<Boolean> poweredIn(LabState state) {
        return switch (state) {
            case REQUESTED, PROVISIONING -> Optional.of(true);
            case STOPPED, FAILED, GRADED, DESTROYED, EXPIRED -> Optional.of(false);
            case POOLED, READY, SUBMITTED -> Optional.empty();
        };
    }

    private boolean transition(UUID id, Collection<LabState> expected, LabState next, String reason, String actor,
            boolean wipe, LabLimits limits, PowerOnCheck check) {
        Optional<Boolean> powered = poweredIn(next);
        return inTransaction("cannot change the state of lab " + id, c -> {
            if (limits != null && powered.orElse(false)) {
                if (!checkToPowerOn(c, id, limits)) return false;
                if (check != null && !flag(c, "select powered from lab where id = ?", id)) check.check(c);
            }
            try (PreparedStatement ps = c.prepareStatement("update lab set state = ?, reason = ?, updated_at = ?"
                    + (next == LabState.READY ? ", ready_at = now()" : "")
                    + (powered.isPresent() ? ", powered = " + powered.get() : "")
                    + (wipe ? ", wipe_pending = true" : "")
                    + " where id = ? and state = any(?)")) {
                ps.setString(1, next.name());
                ps.setString(2, reason);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.setObject(4, id);
                ps.setArray(5, states(c, expected));
                if (ps.executeUpdate() == 0) return false;
            }
            event(c, id, next, reason, actor);
            return true;
        });
    }

    /**
     * Under the table lock: true when the lab is powered already, else whether it fits in the
     * limits (throws {@link LabLimits.OverLimitException} with the reason when it does not);
     * false when the lab is gone.
     */
    private static boolean checkToPowerOn(Connection c, UUID id, LabLimits limits) throws SQLException {
        try (Statement lock = c.createStatement()) {
            lock.execute("lock table lab in share row exclusive mode");
        }
        try (PreparedStatement ps = c.prepareStatement("select powered, memory_mib from lab where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return false;
                if (rs.getBoolean(1)) return true;
                int[] usage = usage(c);
                limits.check(usage[0], usage[1], rs.getInt(2));
                return true;
            }
        }
    }

    /**
     * Powers a GRADED lab on again for the staff to inspect it (limits checked under the
     * lock), or marks it off again; false when the lab is not GRADED.
     */
    public boolean inspect(UUID id, boolean on, String actor, LabLimits limits) {
        return inTransaction("cannot change the power of lab " + id, c -> {
            if (on && !checkToPowerOn(c, id, limits)) return false;
            try (PreparedStatement ps = c.prepareStatement(
                    "update lab set powered = ?, updated_at = now() where id = ? and state = 'GRADED'")) {
                ps.setBoolean(1, on);
                ps.setObject(2, id);
                if (ps.executeUpdate() == 0) return false;
            }
            event(c, id, LabState.GRADED, on ? "VMs started again to inspect the graded lab" : "VMs powered off", actor);
            return true;
        });
    }

    /** Whether the lab's VMs are meant to run. */
    public boolean powered(UUID id) {
        return flag("select powered from lab where id = ?", id);
    }

    /** Whether the lab's disks must be wiped before it is provisioned (a reset not finished). */
    public boolean wipePending(UUID id) {
        return flag("select wipe_pending from lab where id = ?", id);
    }

    /** The reset's disks are wiped. */
    public void wiped(UUID id) {
        update("update lab set wipe_pending = false where id = ?", id);
    }

    /** Labs (not DESTROYED nor EXPIRED) whose VMs are not meant to run: the reconciler powers off what still runs. */
    public List<Lab> unpowered() {
        return query("select " + COLUMNS + " from lab where not powered and state not in ('DESTROYED', 'EXPIRED')");
    }

    /** Live labs a trainee created for themselves (practice) whose VMs are meant to run, read in {@code c}'s transaction. */
    public int poweredPracticeLabsOf(Connection c, String trainee) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from lab "
                + "where trainee = ? and created_by = ? and powered and state not in ('DESTROYED', 'EXPIRED')")) {
            ps.setString(1, trainee);
            ps.setString(2, trainee);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private boolean flag(String sql, UUID id) {
        try (Connection c = db.getConnection()) {
            return flag(c, sql, id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read lab " + id + ": " + e.getMessage(), e);
        }
    }

    private static boolean flag(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Records something done to a lab that does not change its state (a trainer taking control of a console…). */
    public void note(UUID id, LabState state, String what, String actor) {
        try (Connection c = db.getConnection()) {
            event(c, id, state, what, actor);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record an event of lab " + id + ": " + e.getMessage(), e);
        }
    }

    /** Frees the lab's management slots, once its VMs are gone. */
    public void releaseManagementSlots(UUID id) {
        update("update lab_node set management_number = null where lab_id = ?", id);
    }

    /**
     * Pushes a lab's expiry later (never earlier), in {@code c}'s transaction: a session's lab
     * lives until its deadline and then some.
     */
    public void keepUntil(Connection c, UUID id, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update lab set expires_at = greatest(expires_at, ?) where id = ?")) {
            ps.setTimestamp(1, Timestamp.from(until));
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /** Live labs whose expiry time has passed. */
    public List<Lab> expired(Instant now) {
        return query("select " + COLUMNS + " from lab where state not in ('DESTROYED', 'EXPIRED') and expires_at < ?",
                Timestamp.from(now));
    }

    void sealAtStart(@Observes StartupEvent starting) {
        sealPlaintextSecrets();
    }

    /**
     * Seals the keys and passwords of rows stored in clear (no {@value SecretBox#PREFIX}
     * prefix) by an earlier version; a row changed meanwhile is left to the next start.
     * Running it again changes nothing. Answers how many rows it sealed.
     */
    public int sealPlaintextSecrets() {
        record Row(UUID id, String password, String key) {
        }
        String sealedLike = SecretBox.PREFIX + "%";
        int sealed = 0;
        try (Connection c = db.getConnection()) {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select id, trainee_password, ssh_private_key from lab "
                    + "where trainee_password not like ? or ssh_private_key not like ?")) {
                ps.setString(1, sealedLike);
                ps.setString(2, sealedLike);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update lab set trainee_password = ?, ssh_private_key = ? "
                    + "where id = ? and trainee_password = ? and ssh_private_key = ?")) {
                for (Row row : rows) {
                    ps.setString(1, SecretBox.isSealed(row.password()) ? row.password()
                            : secrets.seal(passwordContext(row.id()), row.password()));
                    ps.setString(2, SecretBox.isSealed(row.key()) ? row.key() : secrets.seal(keyContext(row.id()), row.key()));
                    ps.setObject(3, row.id());
                    ps.setString(4, row.password());
                    ps.setString(5, row.key());
                    sealed += ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seal the labs' stored secrets: " + e.getMessage(), e);
        }
        if (sealed > 0) LOG.infof("Sealed the SSH keys and trainee passwords of %d lab(s) stored in clear", sealed);
        return sealed;
    }

    // --- plumbing

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed, unless it answers {@code false} (a
     * compare-and-set that found the lab elsewhere) or throws, which rolls it back.
     */
    private <T> T inTransaction(String failure, Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                if (Boolean.FALSE.equals(result)) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure + ": " + e.getMessage(), e);
        }
    }

    private void event(Connection c, UUID id, LabState state, String reason, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into lab_event (lab_id, at, state, reason, actor) values (?, now(), ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, state.name());
            ps.setString(3, reason);
            ps.setString(4, actor);
            ps.executeUpdate();
        }
    }

    private static Array states(Connection c, Collection<LabState> states) throws SQLException {
        return c.createArrayOf("text", states.stream().map(Enum::name).toArray());
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database update failed: " + e.getMessage(), e);
        }
    }

    private List<Lab> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Lab> labs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) labs.add(read(rs));
            }
            return labs;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read labs: " + e.getMessage(), e);
        }
    }

    private Lab read(ResultSet rs) throws SQLException {
        Timestamp ready = rs.getTimestamp("ready_at");
        UUID id = rs.getObject("id", UUID.class);
        return new Lab(id, rs.getString("template_id"), rs.getString("template_hash"),
                rs.getString("trainee"), rs.getString("created_by"), LabState.valueOf(rs.getString("state")),
                rs.getString("reason"), readJson(rs.getString("plan"), new TypeReference<LabPlan>() {
                }), readJson(rs.getString("parameters"), new TypeReference<Map<String, String>>() {
                }), secrets.open(passwordContext(id), rs.getString("trainee_password")),
                secrets.open(keyContext(id), rs.getString("ssh_private_key")), rs.getString("ssh_public_key"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                ready == null ? null : ready.toInstant(), rs.getTimestamp("expires_at").toInstant());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T readJson(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored lab data: " + e.getMessage(), e);
        }
    }
}
