package io.atelier.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

import io.atelier.document.Problem;
import io.atelier.document.YamlDocument;
import io.atelier.referential.Referential;
import io.atelier.referential.Referentials;

/**
 * The rules of a template that its JSON Schema cannot state: names that must refer to
 * something declared elsewhere in the file (networks, nodes, tasks, criteria of the
 * referential, parameters), address arithmetic, and files next to the template.
 *
 * <p>Works on the raw tree and tolerates missing or mistyped parts (the schema reports
 * those), so that one run reports every problem of the file.
 */
final class TemplateRules {

    private static final Pattern FILE_PATHS = Pattern.compile(
            "\\$\\.tasks\\[\\d+]\\.(instructions(\\.(fr|en))?|solution\\.script)|\\$\\.nodes\\[\\d+]\\.setup"
                    + "|\\$\\.(counterexamples|alternatives)\\[\\d+]\\.apply\\[\\d+]\\.script|\\$\\.faults\\[\\d+]\\.solution\\.script");

    /** Texts the trainee reads (with the lab's values filled in): no hidden parameter there. */
    private static final Pattern SHOWN = Pattern.compile("\\$\\.(title|summary|(networks|nodes)\\[\\d+]\\.description"
            + "|tasks\\[\\d+]\\.(title|hints\\[\\d+]|checks\\[\\d+]\\.(description|feedback)))(\\.(fr|en))?");
    private static final Pattern INSTRUCTIONS = Pattern.compile("\\$\\.tasks\\[\\d+]\\.instructions(\\.(fr|en))?");

    /** Where the platform keeps its marks on a node (first boot, setup, faults): never grading evidence. */
    static final String PLATFORM_STATE = "/var/lib/atelier";

    private final YamlDocument doc;
    private final Path folder;
    private final Referentials referentials;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> declaredNetworks = new TreeSet<>();
    /** Declared networks whose address range is valid. */
    private final Map<String, Ipv4Network> networks = new LinkedHashMap<>();
    private final Set<String> nodes = new TreeSet<>();
    /** Where checks may run: the nodes, and the examiner's node when the template has one. */
    private final Set<String> checkNodes = new TreeSet<>();
    /** network/address → the path that took it, across nodes and the examiner. */
    private final Map<String, String> addressesInUse = new HashMap<>();
    private final Set<String> tasks = new TreeSet<>();
    /** Task id → the ids of its checks. */
    private final Map<String, Set<String>> checksOfTask = new HashMap<>();
    private final Set<String> cited = new TreeSet<>();

    private TemplateRules(YamlDocument doc, Path folder, Referentials referentials) {
        this.doc = doc;
        this.folder = folder.toAbsolutePath().normalize();
        this.referentials = referentials;
    }

    static List<Problem> check(YamlDocument doc, Path folder, Referentials referentials) {
        TemplateRules rules = new TemplateRules(doc, folder, referentials);
        rules.run();
        return rules.problems;
    }

    private void run() {
        JsonNode root = doc.tree();
        String folderName = folder.getFileName().toString();
        JsonNode id = root.path("id");
        if (id.isTextual() && !id.asText().equals(folderName)) {
            report("$.id", "id '" + id.asText() + "' differs from the folder name; expected '" + folderName + "'");
        }
        Optional<Referential> referential = referential(root.path("referential"));
        networks(root.path("networks"));
        nodes(root.path("nodes"));
        examiner(root.path("examiner"));
        JsonNode taskList = root.path("tasks");
        for (int t = 0; t < taskList.size(); t++) {
            String taskId = taskList.get(t).path("id").asText("");
            if (!taskId.isEmpty() && !tasks.add(taskId)) {
                report("$.tasks[" + t + "].id", "duplicate task '" + taskId + "'; expected task ids unique in the template");
            }
        }
        Set<String> checkIds = new HashSet<>();
        for (int t = 0; t < taskList.size(); t++) {
            task(taskList.get(t), "$.tasks[" + t + "]", referential, checkIds);
        }
        faults(root.path("faults"));
        draws(root.path("draws"), root.path("faults"), taskList);
        Set<String> stateIds = new HashSet<>();
        proofStates(root.path("counterexamples"), "$.counterexamples", stateIds);
        proofStates(root.path("alternatives"), "$.alternatives", stateIds);
        grading(root.path("grading").path("criteria"));
        parameters(root.path("parameters"));
    }

    /** A per-criterion threshold must name a criterion some check of this template cites. */
    private void grading(JsonNode thresholds) {
        thresholds.properties().forEach(e -> {
            if (!cited.contains(e.getKey())) {
                report("$.grading.criteria." + e.getKey(), "criterion '" + e.getKey()
                        + "' is cited by no check of this template; expected one of: " + known(cited));
            }
        });
    }

    private Optional<Referential> referential(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        Optional<Referential> found = referentials.find(node.asText());
        if (found.isEmpty()) {
            report("$.referential", "unknown referential '" + node.asText() + "'; expected one of: " + referentials.ids());
        }
        return found;
    }

    private void networks(JsonNode list) {
        for (int i = 0; i < list.size(); i++) {
            String path = "$.networks[" + i + "]";
            JsonNode network = list.get(i);
            String name = network.path("name").asText("");
            if (!name.isEmpty() && declaredNetworks.contains(name)) {
                report(path + ".name", "duplicate network '" + name + "'; expected network names unique in the template");
                continue;
            }
            if (!name.isEmpty()) {
                declaredNetworks.add(name);
            }
            network(network, path, name).ifPresent(net -> networks.put(name, net));
        }
    }

    /** The network's address range when its cidr and gateway are right. */
    private Optional<Ipv4Network> network(JsonNode network, String path, String name) {
        String cidr = network.path("cidr").asText(null);
        if (cidr == null) {
            return Optional.empty();
        }
        Optional<Ipv4Network> parsed = Ipv4Network.parse(cidr);
        if (parsed.isEmpty()) {
            report(path + ".cidr", "'" + cidr + "' is not a CIDR; expected an IPv4 network such as 192.168.10.0/24");
            return Optional.empty();
        }
        Ipv4Network net = parsed.get();
        if (net.prefix() < 8 || net.prefix() > 30) {
            report(path + ".cidr", "prefix /" + net.prefix() + " of '" + cidr + "' is out of range; expected a prefix between /8 and /30");
            return Optional.empty();
        }
        if (!net.isNetworkAddress()) {
            report(path + ".cidr", "'" + cidr + "' has host bits set; expected the network address " + net.networkText());
            return Optional.empty();
        }
        for (Map.Entry<String, Ipv4Network> other : networks.entrySet()) {
            if (other.getValue().overlaps(net)) {
                report(path + ".cidr", "'" + cidr + "' overlaps network '" + other.getKey() + "' ("
                        + other.getValue().networkText() + "); expected disjoint networks");
            }
        }
        String gateway = network.path("gateway").asText(null);
        if (gateway != null) {
            Optional<Long> address = Ipv4Network.parseAddress(gateway);
            if (address.isEmpty()) {
                report(path + ".gateway", "'" + gateway + "' is not an IPv4 address; expected an address in " + cidr);
            } else if (!usableIn(net, address.get())) {
                report(path + ".gateway", "gateway " + gateway + " is outside network '" + name + "'; expected a host address in " + cidr);
            }
        }
        return Optional.of(net);
    }

    private static boolean usableIn(Ipv4Network net, long address) {
        return net.contains(address) && address != net.networkAddress() && address != net.broadcastAddress();
    }

    private void nodes(JsonNode list) {
        for (int i = 0; i < list.size(); i++) {
            String path = "$.nodes[" + i + "]";
            String name = list.get(i).path("name").asText("");
            if (name.equals(TemplateSpec.EXAMINER)) {
                report(path + ".name", "'" + name + "' is the name of the examiner's node (declared under examiner:); "
                        + "expected another name");
            } else if (!name.isEmpty() && !nodes.add(name)) {
                report(path + ".name", "duplicate node '" + name + "'; expected node names unique in the template");
            }
            JsonNode setup = list.get(i).path("setup");
            if (setup.isTextual()) {
                file(path + ".setup", setup.asText(), "setup script");
            }
            JsonNode nics = list.get(i).path("nics");
            Set<String> nodeNetworks = new HashSet<>();
            for (int n = 0; n < nics.size(); n++) {
                nic(nics.get(n), path + ".nics[" + n + "]", nodeNetworks, addressesInUse);
            }
        }
        checkNodes.addAll(nodes);
    }

    /** The examiner's NICs follow the nodes' rules (declared networks, free addresses), statically addressed. */
    private void examiner(JsonNode examiner) {
        if (!examiner.isObject()) return;
        checkNodes.add(TemplateSpec.EXAMINER);
        JsonNode nics = examiner.path("nics");
        Set<String> examinerNetworks = new HashSet<>();
        for (int n = 0; n < nics.size(); n++) {
            String path = "$.examiner.nics[" + n + "]";
            String ip = nics.get(n).path("ip").asText(null);
            if (ip == null || ip.equals("dhcp") || ip.equals("none")) {
                report(path + ".ip", "the examiner's NICs need a static address (" + (ip == null ? "none given" : ip)
                        + "): it must not depend on the trainee's DHCP server; expected an address with prefix");
                continue;
            }
            nic(nics.get(n), path, examinerNetworks, addressesInUse);
        }
    }

    private void nic(JsonNode nic, String path, Set<String> nodeNetworks, Map<String, String> addressesInUse) {
        String networkName = nic.path("network").asText(null);
        if (networkName == null) {
            return;
        }
        if (!declaredNetworks.contains(networkName)) {
            report(path + ".network", "unknown network '" + networkName + "'; expected one of: " + known(declaredNetworks));
            return;
        }
        if (!nodeNetworks.add(networkName)) {
            report(path + ".network", "this node already has a NIC on network '" + networkName + "'; expected one NIC per network");
        }
        Ipv4Network net = networks.get(networkName);
        if (net == null) {
            return; // its cidr is wrong, reported on the network
        }
        String ip = nic.path("ip").asText(null);
        if (ip == null || ip.equals("dhcp") || ip.equals("none")) {
            return;
        }
        Optional<Ipv4Network> parsed = Ipv4Network.parse(ip);
        String expectation = "expected an address with prefix in " + net.networkText() + " (e.g. "
                + Ipv4Network.format(net.networkAddress() + 10) + "/" + net.prefix() + "), dhcp or none";
        if (parsed.isEmpty()) {
            report(path + ".ip", "'" + ip + "' is not an address with prefix; " + expectation);
        } else if (!usableIn(net, parsed.get().address())) {
            report(path + ".ip", ip + " is outside network '" + networkName + "' (" + net.networkText() + "); " + expectation);
        } else if (parsed.get().prefix() != net.prefix()) {
            report(path + ".ip", "prefix /" + parsed.get().prefix() + " of " + ip + " differs from network '" + networkName
                    + "' (" + net.networkText() + "); " + expectation);
        } else {
            String key = networkName + "/" + parsed.get().address();
            String first = addressesInUse.putIfAbsent(key, path);
            if (first != null) {
                report(path + ".ip", "address " + ip + " is already used at " + first + "; expected each address once per network");
            }
        }
    }

    private void task(JsonNode task, String path, Optional<Referential> referential, Set<String> checkIds) {
        JsonNode instructions = task.path("instructions");
        if (instructions.isTextual()) {
            file(path + ".instructions", instructions.asText(), "Markdown instruction file");
        } else if (instructions.isObject()) {
            instructions.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    file(path + ".instructions." + e.getKey(), e.getValue().asText(), "Markdown instruction file");
                }
            });
        }
        JsonNode solution = task.path("solution");
        if (solution.isObject()) {
            node(solution.path("on"), path + ".solution.on");
            if (solution.path("script").isTextual()) {
                file(path + ".solution.script", solution.path("script").asText(), "solution script");
            }
        }
        JsonNode checks = task.path("checks");
        Set<String> own = checksOfTask.computeIfAbsent(task.path("id").asText(""), k -> new TreeSet<>());
        for (int c = 0; c < checks.size(); c++) {
            check(checks.get(c), path + ".checks[" + c + "]", referential, checkIds);
            if (checks.get(c).path("id").isTextual()) own.add(checks.get(c).path("id").asText());
        }
    }

    /** Counterexamples and alternatives: a task of the template, its checks, nodes and scripts that exist. */
    private void proofStates(JsonNode list, String listPath, Set<String> ids) {
        for (int i = 0; i < list.size(); i++) {
            String path = listPath + "[" + i + "]";
            JsonNode state = list.get(i);
            String id = state.path("id").asText("");
            if (!id.isEmpty() && !ids.add(id)) {
                report(path + ".id", "duplicate state '" + id
                        + "'; expected ids unique among the template's counterexamples and alternatives");
            }
            JsonNode task = state.path("task");
            Set<String> taskChecks = Set.of();
            if (task.isTextual()) {
                if (!tasks.contains(task.asText())) {
                    report(path + ".task", "unknown task '" + task.asText() + "'; expected one of: " + known(tasks));
                } else {
                    taskChecks = checksOfTask.getOrDefault(task.asText(), Set.of());
                }
            }
            JsonNode apply = state.path("apply");
            for (int k = 0; k < apply.size(); k++) {
                node(apply.get(k).path("on"), path + ".apply[" + k + "].on");
                if (apply.get(k).path("script").isTextual()) {
                    file(path + ".apply[" + k + "].script", apply.get(k).path("script").asText(), "script");
                }
            }
            JsonNode checks = state.path("checks");
            for (int k = 0; k < checks.size() && !taskChecks.isEmpty(); k++) {
                String check = checks.get(k).asText("");
                if (!taskChecks.contains(check)) {
                    report(path + ".checks[" + k + "]", "'" + check + "' is not a check of task '" + task.asText()
                            + "'; expected one of: " + known(taskChecks));
                }
            }
        }
    }

    private void check(JsonNode check, String path, Optional<Referential> referential, Set<String> checkIds) {
        String id = check.path("id").asText("");
        if (!id.isEmpty() && !checkIds.add(id)) {
            report(path + ".id", "duplicate check '" + id + "'; expected check ids unique in the template");
        }
        checkNode(check.path("on"), path + ".on");
        if (check.has("before")) checkNode(check.path("before").path("on"), path + ".before.on");
        JsonNode criteria = check.path("criteria");
        for (int k = 0; k < criteria.size() && referential.isPresent(); k++) {
            String criterion = criteria.get(k).asText("");
            cited.add(criterion);
            Referential r = referential.get();
            if (!criterion.isEmpty() && r.criterion(criterion).isEmpty()) {
                report(path + ".criteria[" + k + "]", "unknown criterion '" + criterion + "' in referential '" + r.id()
                        + "'; expected an id of lab-templates/referentiels/" + r.id() + ".yaml" + closest(r, criterion));
            } else if (!criterion.isEmpty() && !r.criterion(criterion).get().criterion().verifiable()) {
                report(path + ".criteria[" + k + "]", "criterion '" + criterion + "' of referential '" + r.id()
                        + "' is not verifiable on machines (the jury judges it: verifiable: false); expected a criterion "
                        + "a check can establish" + closestVerifiable(r, criterion));
            }
        }
        regex(check.path("expect").path("stdout").path("regex"), path + ".expect.stdout.regex");
        regex(check.path("expect").path("stderr").path("regex"), path + ".expect.stderr.regex");
        regex(check.path("file").path("contains"), path + ".file.contains");
        regex(check.path("dns").path("answer"), path + ".dns.answer");
        for (Map.Entry<String, JsonNode> e : List.of(Map.entry("run", check.path("run")),
                Map.entry("file.path", check.path("file").path("path")), Map.entry("before.run", check.path("before").path("run")))) {
            String field = e.getKey();
            JsonNode text = e.getValue();
            if (text.isTextual() && text.asText().contains(PLATFORM_STATE)) {
                report(path + "." + field, "a check reads " + PLATFORM_STATE + ", the platform's own files on a node "
                        + "the trainee is root on (they could write them); expected the platform's records (task starts "
                        + "and faults are in its database) or a behaviour observed from the examiner's node");
            }
        }
        JsonNode host = check.path("port").path("host");
        if (host.isTextual() && Ipv4Network.parseAddress(host.asText()).isEmpty() && !nodes.contains(host.asText())) {
            report(path + ".port.host", "unknown node '" + host.asText() + "'; expected a node (" + known(nodes) + ") or an IPv4 address");
        }
    }

    /** Where a check runs: a node, or the examiner's node when the template declares one. */
    private void checkNode(JsonNode name, String path) {
        if (!name.isTextual() || checkNodes.contains(name.asText())) return;
        if (name.asText().equals(TemplateSpec.EXAMINER)) {
            report(path, "this template has no examiner's node; expected a node (" + known(nodes)
                    + "), or declare examiner: {nics: […]}");
        } else {
            report(path, "unknown node '" + name.asText() + "'; expected one of: " + known(checkNodes));
        }
    }

    /** Suggests criteria of the same competency when the id is close. */
    private static String closest(Referential r, String criterion) {
        return closest(r, criterion, false);
    }

    /** Suggests the verifiable criteria of the same competency. */
    private static String closestVerifiable(Referential r, String criterion) {
        return closest(r, criterion, true);
    }

    private static String closest(Referential r, String criterion, boolean verifiableOnly) {
        int dot = criterion.lastIndexOf('.');
        if (dot < 0) {
            return "";
        }
        String competency = criterion.substring(0, dot + 1);
        List<String> sameCompetency = r.criteria().filter(p -> !verifiableOnly || p.criterion().verifiable())
                .map(p -> p.criterion().id()).filter(c -> c.startsWith(competency)).toList();
        return sameCompetency.isEmpty() ? "" : " (for instance " + String.join(", ", sameCompetency) + ")";
    }

    private void faults(JsonNode list) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "$.faults[" + i + "]";
            String id = list.get(i).path("id").asText("");
            if (!id.isEmpty() && !ids.add(id)) {
                report(path + ".id", "duplicate fault '" + id + "'; expected fault ids unique in the template");
            }
            node(list.get(i).path("on"), path + ".on");
            JsonNode when = list.get(i).path("when");
            if (when.isTextual() && !when.asText().equals("boot") && !tasks.contains(when.asText())) {
                report(path + ".when", "unknown task '" + when.asText() + "'; expected boot or a task id (" + known(tasks) + ")");
            }
            JsonNode also = list.get(i).path("also");
            for (int k = 0; k < also.size(); k++) {
                node(also.get(k).path("on"), path + ".also[" + k + "].on");
            }
            JsonNode solution = list.get(i).path("solution");
            if (solution.isObject() && !(when.isTextual() && tasks.contains(when.asText()))) {
                report(path + ".solution", "a fault's repair runs after the solution of the task that applies it,"
                        + " and this fault is applied at boot; expected when: a task id (" + known(tasks) + ")");
            }
            if (solution.isObject()) {
                node(solution.path("on"), path + ".solution.on");
                if (solution.path("script").isTextual()) {
                    file(path + ".solution.script", solution.path("script").asText(), "solution script");
                }
            }
        }
    }

    /**
     * Fault catalogues: each named by its faults, at most as many picked as it has, and fair
     * (every fault of a catalogue weighs the same points through the checks bound to it: two
     * trainees are graded on the same total); a check's {@code fault} names a drawn fault.
     */
    private void draws(JsonNode draws, JsonNode faults, JsonNode taskList) {
        Map<String, Integer> pickOf = new LinkedHashMap<>();
        for (int d = 0; d < draws.size(); d++) {
            String id = draws.get(d).path("id").asText("");
            if (id.isEmpty()) continue;
            if (pickOf.containsKey(id)) {
                report("$.draws[" + d + "].id", "duplicate draw '" + id + "'; expected draw ids unique in the template");
            }
            pickOf.put(id, draws.get(d).path("pick").asInt(1));
        }
        Map<String, String> drawOfFault = new HashMap<>();
        Map<String, List<String>> faultsOfDraw = new LinkedHashMap<>();
        pickOf.keySet().forEach(d -> faultsOfDraw.put(d, new ArrayList<>()));
        Set<String> faultIds = new TreeSet<>();
        for (int i = 0; i < faults.size(); i++) {
            String id = faults.get(i).path("id").asText("");
            faultIds.add(id);
            JsonNode draw = faults.get(i).path("draw");
            if (!draw.isTextual()) continue;
            if (!pickOf.containsKey(draw.asText())) {
                report("$.faults[" + i + "].draw", "unknown draw '" + draw.asText() + "'; expected one of the ids under draws ("
                        + known(pickOf.keySet()) + ")");
                continue;
            }
            drawOfFault.put(id, draw.asText());
            faultsOfDraw.get(draw.asText()).add(id);
        }
        Map<String, Double> pointsOfFault = new HashMap<>();
        for (int t = 0; t < taskList.size(); t++) {
            JsonNode checks = taskList.get(t).path("checks");
            for (int c = 0; c < checks.size(); c++) {
                JsonNode fault = checks.get(c).path("fault");
                if (!fault.isTextual()) continue;
                String path = "$.tasks[" + t + "].checks[" + c + "].fault";
                if (!faultIds.contains(fault.asText())) {
                    report(path, "unknown fault '" + fault.asText() + "'; expected a fault id with a draw ("
                            + known(drawOfFault.keySet()) + ")");
                } else if (!drawOfFault.containsKey(fault.asText())) {
                    report(path, "fault '" + fault.asText() + "' has no draw: every lab gets it; expected a fault of a draw ("
                            + known(drawOfFault.keySet()) + "), or no fault on this check");
                } else {
                    JsonNode points = checks.get(c).path("points");
                    pointsOfFault.merge(fault.asText(), points.isNumber() ? points.asDouble() : 1.0, Double::sum);
                }
            }
        }
        int d = 0;
        for (Map.Entry<String, List<String>> e : faultsOfDraw.entrySet()) {
            String path = "$.draws[" + d++ + "]";
            List<String> members = e.getValue();
            int pick = pickOf.get(e.getKey());
            if (members.isEmpty()) {
                report(path + ".id", "no fault names draw '" + e.getKey() + "'; expected faults with draw: " + e.getKey());
                continue;
            }
            if (pick > members.size()) {
                report(path + ".pick", "pick " + pick + ", but draw '" + e.getKey() + "' has " + members.size()
                        + " fault(s) (" + String.join(", ", members) + "); expected pick <= " + members.size());
            }
            Map<Double, List<String>> byPoints = new java.util.TreeMap<>();
            members.forEach(f -> byPoints.computeIfAbsent(pointsOfFault.getOrDefault(f, 0.0), k -> new ArrayList<>()).add(f));
            if (byPoints.size() > 1 || byPoints.containsKey(0.0)) {
                StringBuilder weights = new StringBuilder();
                byPoints.forEach((points, fs) -> weights.append(weights.length() == 0 ? "" : "; ").append(String.join(", ", fs))
                        .append(": ").append(points == 0.0 ? "no check" : points + " point(s)"));
                report(path, "the faults of draw '" + e.getKey() + "' weigh differently (" + weights
                        + "); expected checks bound to each fault (their fault: its id) of the same total points,"
                        + " so that every trainee is graded on the same total");
            }
        }
    }

    private void parameters(JsonNode parameters) {
        Set<String> declared = new TreeSet<>();
        Set<String> hidden = new TreeSet<>();
        parameters.properties().forEach(e -> {
            declared.add(e.getKey());
            if (e.getValue().path("hidden").asBoolean(false)) hidden.add(e.getKey());
            JsonNode range = e.getValue().path("integer");
            if (range.path("min").isInt() && range.path("max").isInt() && range.path("min").asInt() > range.path("max").asInt()) {
                report(YamlDocument.child("$.parameters", e.getKey()) + ".integer", "min is greater than max; expected min <= max");
            }
        });
        String expectation = "expected a parameter declared under parameters (" + known(declared) + ") or a built-in ("
                + String.join(", ", new TreeSet<>(Placeholders.BUILT_INS)) + ")";
        Set<String> startedTasks = new TreeSet<>();
        doc.tree().path("faults").forEach(f -> {
            if (f.path("when").isTextual() && !f.path("when").asText().equals("boot")) startedTasks.add(f.path("when").asText());
        });
        for (YamlDocument.StringAt text : doc.strings()) {
            for (String name : Placeholders.namesIn(text.value())) {
                if (name.equals(Placeholders.TASK_STARTED_AT)) {
                    taskStartedAt(text.path(), startedTasks);
                } else if (!declared.contains(name) && !Placeholders.BUILT_INS.contains(name)) {
                    report(text.path(), "parameter '" + name + "' is used but not declared; " + expectation);
                } else if (hidden.contains(name) && SHOWN.matcher(text.path()).matches()) {
                    report(text.path(), HIDDEN_SHOWN.formatted(name));
                }
            }
            if (INSTRUCTIONS.matcher(text.path()).matches()) {
                hiddenInInstructions(text.value(), hidden);
            }
        }
        for (Path referenced : filesWithPlaceholders()) {
            String content;
            try {
                content = Files.readString(referenced);
            } catch (java.io.IOException e) {
                continue; // reported as a missing or unreadable file already
            }
            for (String name : Placeholders.namesIn(content)) {
                if (name.equals(Placeholders.TASK_STARTED_AT)) {
                    problems.add(new Problem(display(referenced), Placeholders.lineOf(content, name), "$",
                            TASK_STARTED_AT_ONLY + "; expected it in a check's text under tasks[…].checks"));
                } else if (!declared.contains(name) && !Placeholders.BUILT_INS.contains(name)) {
                    problems.add(new Problem(display(referenced), Placeholders.lineOf(content, name), "$",
                            "parameter '" + name + "' is used but not declared in template.yaml; " + expectation));
                }
            }
        }
    }

    private static final String HIDDEN_SHOWN = "parameter '%s' is hidden from the trainee (hidden: true) but this text is shown to "
            + "them; expected it only in scripts and checks' commands";

    /** An instruction file the trainee reads: a hidden parameter in it is reported at its line. */
    private void hiddenInInstructions(String relative, Set<String> hidden) {
        Path file = folder.resolve(relative).normalize();
        if (hidden.isEmpty() || !file.startsWith(folder) || !Files.isRegularFile(file)) return;
        String content;
        try {
            content = Files.readString(file);
        } catch (java.io.IOException e) {
            return; // reported as unreadable by the placeholders' walk over files
        }
        for (String name : Placeholders.namesIn(content)) {
            if (hidden.contains(name)) {
                problems.add(new Problem(display(file), Placeholders.lineOf(content, name), "$", HIDDEN_SHOWN.formatted(name)));
            }
        }
    }

    private static final String TASK_STARTED_AT_ONLY = "'" + Placeholders.TASK_STARTED_AT
            + "' is the time the platform recorded the start of a check's task, known to checks only";
    private static final Pattern CHECK_TEXT = Pattern.compile("\\$\\.tasks\\[(\\d+)]\\.checks\\[\\d+].*");

    /** {{task_started_at}}: in a check of a task that has faults (only those are started). */
    private void taskStartedAt(String path, Set<String> startedTasks) {
        java.util.regex.Matcher m = CHECK_TEXT.matcher(path);
        if (!m.matches()) {
            report(path, TASK_STARTED_AT_ONLY + "; expected it in a check's text under tasks[…].checks");
            return;
        }
        String task = doc.tree().path("tasks").path(Integer.parseInt(m.group(1))).path("id").asText("");
        if (!startedTasks.contains(task)) {
            report(path, TASK_STARTED_AT_ONLY + ", and task '" + task + "' has no fault, so nobody starts it; expected it in "
                    + "a check of a task with faults (" + (startedTasks.isEmpty() ? "none in this template" : known(startedTasks)) + ")");
        }
    }

    /** Instruction files, setup and solution scripts: the platform fills their placeholders too. */
    private List<Path> filesWithPlaceholders() {
        List<Path> files = new ArrayList<>();
        for (YamlDocument.StringAt text : doc.strings()) {
            if (FILE_PATHS.matcher(text.path()).matches()) {
                Path file = folder.resolve(text.value()).normalize();
                if (file.startsWith(folder) && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private void file(String path, String relative, String what) {
        Path file = folder.resolve(relative).normalize();
        if (!file.startsWith(folder.normalize())) {
            report(path, "'" + relative + "' leaves the template folder; expected a path inside " + display(folder));
        } else if (!Files.isRegularFile(file)) {
            report(path, what + " '" + relative + "' does not exist; expected a file at " + display(file));
        }
    }

    private void node(JsonNode name, String path) {
        if (name.isTextual() && name.asText().equals(TemplateSpec.EXAMINER) && checkNodes.contains(TemplateSpec.EXAMINER)) {
            report(path, "the examiner's node belongs to the platform: only checks run there; expected one of: " + known(nodes));
        } else if (name.isTextual() && !nodes.contains(name.asText())) {
            report(path, "unknown node '" + name.asText() + "'; expected one of: " + known(nodes));
        }
    }

    private void regex(JsonNode pattern, String path) {
        if (!pattern.isTextual()) {
            return;
        }
        try {
            Pattern.compile(pattern.asText());
        } catch (PatternSyntaxException e) {
            report(path, "not a valid regular expression (" + e.getDescription() + "); expected a Java/PCRE-style regular expression");
        }
    }

    private static String known(Set<String> names) {
        return names.isEmpty() ? "(none declared)" : String.join(", ", names);
    }

    private void report(String path, String message) {
        problems.add(doc.problem(path, message));
    }

    static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }
}
