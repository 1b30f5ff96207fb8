package io.atelier.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

import io.atelier.document.Text;

/**
 * The content of a {@code template.yaml}, as described by
 * {@code lab-templates/schema/template.schema.json}. Only a validated document is turned
 * into a spec, so required parts are present; optional ones may be null.
 */
public record TemplateSpec(
        String id,
        int version,
        Text title,
        Text summary,
        String referential,
        String duration,
        boolean practice,
        List<String> tags,
        Map<String, Parameter> parameters,
        List<Network> networks,
        List<Node> nodes,
        Examiner examiner,
        List<Task> tasks,
        List<Fault> faults,
        Grading grading,
        List<ProofState> counterexamples,
        List<ProofState> alternatives,
        List<Draw> draws) {

    /** A spec without fault draws. */
    public TemplateSpec(String id, int version, Text title, Text summary, String referential, String duration,
            boolean practice, List<String> tags, Map<String, Parameter> parameters, List<Network> networks,
            List<Node> nodes, Examiner examiner, List<Task> tasks, List<Fault> faults, Grading grading,
            List<ProofState> counterexamples, List<ProofState> alternatives) {
        this(id, version, title, summary, referential, duration, practice, tags, parameters, networks, nodes, examiner,
                tasks, faults, grading, counterexamples, alternatives, null);
    }

    public TemplateSpec {
        tags = tags == null ? List.of() : tags;
        parameters = parameters == null ? Map.of() : parameters;
        networks = networks == null ? List.of() : networks;
        faults = faults == null ? List.of() : faults;
        grading = grading == null ? new Grading(null, null) : grading;
        counterexamples = counterexamples == null ? List.of() : counterexamples;
        alternatives = alternatives == null ? List.of() : alternatives;
        draws = draws == null ? List.of() : draws;
    }

    /**
     * The same template with only these faults: those drawn for a lab ({@code keep}) and those
     * of no draw; a check bound to a fault left out is left out with it. What a lab keeps as
     * its revision, so that it is shown, checked and graded on its own faults only.
     */
    public TemplateSpec withFaults(java.util.function.Predicate<Fault> keep) {
        List<Fault> kept = faults.stream().filter(f -> f.draw() == null || keep.test(f)).toList();
        java.util.Set<String> ids = new java.util.HashSet<>(kept.stream().map(Fault::id).toList());
        List<Task> keptTasks = tasks.stream().map(t -> new Task(t.id(), t.title(), t.instructions(), t.hints(), t.solution(),
                t.checks().stream().filter(c -> c.fault() == null || ids.contains(c.fault())).toList())).toList();
        return new TemplateSpec(id, version, title, summary, referential, duration, practice, tags, parameters, networks,
                nodes, examiner, keptTasks, kept, grading, counterexamples, alternatives, draws);
    }

    /**
     * What solves task {@code taskId}: its solution, then the solution of each of its faults
     * (in template order) that has one; what the prover and a catch-up run.
     */
    public List<Step> solutionSteps(String taskId) {
        List<Step> steps = new java.util.ArrayList<>();
        task(taskId).map(Task::solution).filter(s -> s != null && s.script() != null)
                .ifPresent(s -> steps.add(new Step(s.on(), s.script())));
        faults.stream().filter(f -> taskId.equals(f.when()) && f.solution() != null)
                .forEach(f -> steps.add(new Step(f.solution().on(), f.solution().script())));
        return List.copyOf(steps);
    }

    /**
     * A catalogue of faults of which each lab gets {@code pick}, drawn from its id: the faults
     * whose {@code draw} names it.
     */
    public record Draw(String id, int pick, Text description) {
    }

    /** The task of this id, if the template has it. */
    public Optional<Task> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Thresholds in percent of a criterion's points; default 100 (all its checks pass). */
    public record Grading(Double threshold, Map<String, Double> criteria) {

        public Grading {
            criteria = criteria == null ? Map.of() : criteria;
        }

        public double thresholdOf(String criterion) {
            Double own = criteria.get(criterion);
            if (own != null) return own;
            return threshold == null ? 100.0 : threshold;
        }
    }

    /**
     * How a per-trainee value is drawn: exactly one of the three is set. A {@code hidden}
     * value is for the platform's scripts and checks alone (a password the examiner tries, a
     * file the trainee must never have seen): the trainee's view of the lab leaves it out, and
     * no text shown to the trainee may use it.
     */
    public record Parameter(List<Object> choice, IntegerRange integer, PasswordRule password, boolean hidden) {

        public Parameter(List<Object> choice, IntegerRange integer, PasswordRule password) {
            this(choice, integer, password, false);
        }
    }

    public record IntegerRange(int min, int max) {
    }

    public record PasswordRule(int length) {
    }

    public record Network(String name, String cidr, String gateway, Text description) {
    }

    /** A virtual machine; {@code setup} is a script run once at provisioning, relative to the template folder. */
    public record Node(String name, String image, Text description, String memory, Integer cpus, List<Nic> nics,
            List<String> consoles, String setup) {

        public Node {
            nics = nics == null ? List.of() : nics;
            consoles = consoles == null ? List.of("serial", "ssh") : consoles;
            memory = memory == null ? "512M" : memory;
            cpus = cpus == null ? 1 : cpus;
        }

        /** Memory in MiB. */
        public int memoryMiB() {
            int amount = Integer.parseInt(memory.substring(0, memory.length() - 1));
            return memory.endsWith("G") ? amount * 1024 : amount;
        }
    }

    /**
     * The examiner's node of the lab: the platform's client machine on the lab's networks
     * (image {@value #EXAMINER_IMAGE}), where checks {@code on: examiner} run. No trainee
     * account, no console; the trainee's view of the lab does not list it.
     */
    public record Examiner(List<Nic> nics, String memory) {

        public Examiner {
            memory = memory == null ? "256M" : memory;
        }

        /** The examiner as a node of the lab. */
        public Node asNode() {
            return new Node(EXAMINER, EXAMINER_IMAGE, null, memory, 1, nics, List.of(), null);
        }
    }

    /** The name of the examiner's node, which no node of a template may take. */
    public static final String EXAMINER = "examiner";
    public static final String EXAMINER_IMAGE = "debian-examiner";

    /** The template's nodes and, last, the examiner's when it has one: the machines of a lab. */
    public List<Node> machines() {
        if (examiner == null) return nodes;
        List<Node> all = new java.util.ArrayList<>(nodes);
        all.add(examiner.asNode());
        return List.copyOf(all);
    }

    /** A network interface; {@code ip} is an address with prefix, {@code dhcp} or {@code none}. */
    public record Nic(String network, String ip) {
    }

    public record Task(String id, Text title, Instructions instructions, List<Text> hints, Solution solution,
            List<Check> checks) {

        public Task {
            hints = hints == null ? List.of() : hints;
        }
    }

    /** Markdown instruction files, relative to the template folder. */
    public record Instructions(String fr, String en) {

        /** The YAML form {@code instructions: path.md} means the French file. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Instructions of(JsonNode node) {
            return node.isTextual() ? new Instructions(node.asText(), null)
                    : new Instructions(node.path("fr").asText(null), node.path("en").asText(null));
        }

        public List<String> files() {
            return en == null ? List.of(fr) : List.of(fr, en);
        }
    }

    public record Solution(String on, String script) {
    }

    /**
     * One verification; exactly one of run/file/service/port/http/dns is set. {@code after}
     * is null or {@value #AFTER_REBOOT}: the final run re-runs the check once the platform
     * has powered the lab off and booted it again, and grades that result.
     */
    public record Check(
            String id,
            List<String> criteria,
            Double points,
            String on,
            Text description,
            Text feedback,
            String timeout,
            String run,
            Expect expect,
            FileCheck file,
            ServiceCheck service,
            PortCheck port,
            HttpCheck http,
            DnsCheck dns,
            String after,
            Before before,
            String fault) {

        /** A check not bound to a drawn fault. */
        public Check(String id, List<String> criteria, Double points, String on, Text description, Text feedback,
                String timeout, String run, Expect expect, FileCheck file, ServiceCheck service, PortCheck port,
                HttpCheck http, DnsCheck dns, String after, Before before) {
            this(id, criteria, points, on, description, feedback, timeout, run, expect, file, service, port, http, dns,
                    after, before, null);
        }

        /** A check without {@code before}. */
        public Check(String id, List<String> criteria, Double points, String on, Text description, Text feedback,
                String timeout, String run, Expect expect, FileCheck file, ServiceCheck service, PortCheck port,
                HttpCheck http, DnsCheck dns, String after) {
            this(id, criteria, points, on, description, feedback, timeout, run, expect, file, service, port, http, dns,
                    after, null);
        }

        /** A check without {@code after} nor {@code before}. */
        public Check(String id, List<String> criteria, Double points, String on, Text description, Text feedback,
                String timeout, String run, Expect expect, FileCheck file, ServiceCheck service, PortCheck port,
                HttpCheck http, DnsCheck dns) {
            this(id, criteria, points, on, description, feedback, timeout, run, expect, file, service, port, http, dns,
                    null, null);
        }

        /** Whether the final run grades this check after the platform's reboot of the lab. */
        public boolean afterReboot() {
            return AFTER_REBOOT.equals(after);
        }

        public double pointsOrDefault() {
            return points == null ? 1.0 : points;
        }

        /** The kind of verification: run, file, service, port, http or dns. */
        public String kind() {
            if (run != null) return "run";
            if (file != null) return "file";
            if (service != null) return "service";
            if (port != null) return "port";
            if (http != null) return "http";
            return "dns";
        }
    }

    /** The one value of a check's {@code after}. */
    public static final String AFTER_REBOOT = "reboot";

    /** Whether some check of the template is graded after the platform's reboot of the lab. */
    public boolean rebootsForGrading() {
        return tasks.stream().flatMap(t -> t.checks().stream()).anyMatch(Check::afterReboot);
    }

    /** Expectations on a command: exit code (number, "zero" or "nonzero"), stdout, stderr. */
    public record Expect(JsonNode exit, Matcher stdout, Matcher stderr) {
    }

    public record Matcher(String equals, String contains, String regex, JsonMatch json, NumberMatch number) {
    }

    public record JsonMatch(String path, JsonNode equals) {
    }

    public record NumberMatch(String op, double value) {
    }

    public record FileCheck(String path, Boolean exists, String contains, String mode, String owner) {
    }

    public record ServiceCheck(String name, Boolean active, Boolean enabled) {
    }

    public record PortCheck(String host, int port, String protocol, boolean open) {
    }

    public record HttpCheck(String url, Integer status, Boolean reachable, String contains) {
    }

    public record DnsCheck(String name, String type, String server, String answer) {
    }

    /**
     * A state of the lab for the prover: a counterexample (its {@code checks} must FAIL) or an
     * alternative solution (they must PASS), reached from the state where the tasks before
     * {@code task} are solved by {@code apply}; the prover then takes the lab's machines back to
     * where they were. {@code checks} null means every check of the task.
     */
    public record ProofState(String id, String task, Text description, List<Step> apply, List<String> checks) {
    }

    /**
     * What the platform runs as root on a node just before a check, in the same run and slot:
     * the trainee's own script run on input they never saw, say, whose effect the check then
     * observes from the examiner's node. Its failure fails the check.
     */
    public record Before(String on, String run) {
    }

    /** A script (relative to the template folder) run as root on node {@code on}. */
    public record Step(String on, String script) {
    }

    /** A further step of a fault: a shell script run as root on node {@code on}, right after the fault's own. */
    public record FaultStep(String on, String run) {
    }

    /**
     * A breakage; {@code when} is "boot" (the default) or the id of the task whose start
     * applies it; {@code draw}: the catalogue it belongs to ({@link Draw}), null for a fault
     * every lab gets; {@code solution}: what repairs it, for the prover and catch-ups;
     * {@code also}: further steps on other nodes (a script each, run right after {@code run}).
     */
    public record Fault(String id, String on, String when, String run, Text description, String draw, Solution solution,
            List<FaultStep> also) {

        public Fault {
            when = when == null ? "boot" : when;
            also = also == null ? List.of() : also;
        }

        public Fault(String id, String on, String when, String run, Text description, String draw, Solution solution) {
            this(id, on, when, run, description, draw, solution, null);
        }

        public Fault(String id, String on, String when, String run, Text description) {
            this(id, on, when, run, description, null, null, null);
        }
    }
}
