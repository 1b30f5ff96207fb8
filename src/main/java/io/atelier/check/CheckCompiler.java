package io.atelier.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.TextNode;

import io.atelier.template.TemplateSpec;

/**
 * Turns every kind of check into one shell command and its expectation, so that one engine
 * runs them all (over SSH or the guest agent alike). {@code run} checks are taken as
 * written; the conveniences become commands that print what they found (the evidence) and
 * exit 0 exactly when the check holds:
 * <ul>
 * <li>{@code file}: exists or not, a line matching a regular expression, octal mode, owner
 * ({@code user} or {@code user:group});</li>
 * <li>{@code service}: systemd's {@code is-active} / {@code is-enabled};</li>
 * <li>{@code port}: a TCP connection (bash {@code /dev/tcp}) or a UDP probe ({@code nc -u})
 * from the node to a host, open or not;</li>
 * <li>{@code http}: a request with curl, its status, a text in the body, or a failure;</li>
 * <li>{@code dns}: {@code dig +short}, an answer matching a regular expression.</li>
 * </ul>
 * Every value from the template is single-quoted for the shell.
 */
public final class CheckCompiler {

    /** Seconds a port or HTTP probe waits before calling the target unreachable. */
    static final int PROBE_SECONDS = 5;

    private CheckCompiler() {
    }

    /**
     * @param hostOf turns a node name of the lab into its address (and leaves an address as it is)
     */
    public static CheckCommand compile(TemplateSpec.Check check, UnaryOperator<String> hostOf) {
        return switch (check.kind()) {
            case "run" -> new CheckCommand(check.run(), check.expect());
            case "file" -> exitsZero(file(check.file()));
            case "service" -> exitsZero(service(check.service()));
            case "port" -> exitsZero(port(check.port(), hostOf));
            case "http" -> exitsZero(http(check.http()));
            default -> exitsZero(dns(check.dns()));
        };
    }

    private static CheckCommand exitsZero(String command) {
        return new CheckCommand(command, new TemplateSpec.Expect(new TextNode("zero"), null, null));
    }

    static String file(TemplateSpec.FileCheck file) {
        List<String> steps = new ArrayList<>();
        steps.add("f=" + quote(file.path()));
        if (Boolean.FALSE.equals(file.exists())) {
            steps.add("if [ -e \"$f\" ]; then echo \"$f exists\"; exit 1; fi");
            steps.add("echo \"$f does not exist\"");
            return String.join("; ", steps);
        }
        steps.add("if [ ! -e \"$f\" ]; then echo \"$f does not exist\"; exit 1; fi");
        if (file.contains() != null) {
            steps.add("if grep -qE -- " + quote(file.contains()) + " \"$f\"; then echo 'a line matches'; "
                    + "else echo 'no line matches'; exit 1; fi");
        }
        if (file.mode() != null) {
            String mode = Integer.toOctalString(Integer.parseInt(file.mode(), 8));
            steps.add("m=$(stat -c %a \"$f\"); echo \"mode $m\"; [ \"$m\" = " + quote(mode) + " ] || exit 1");
        }
        if (file.owner() != null) {
            String format = file.owner().contains(":") ? "%U:%G" : "%U";
            steps.add("o=$(stat -c " + format + " \"$f\"); echo \"owner $o\"; [ \"$o\" = " + quote(file.owner())
                    + " ] || exit 1");
        }
        steps.add("echo \"$f exists\"");
        return String.join("; ", steps);
    }

    static String service(TemplateSpec.ServiceCheck service) {
        List<String> steps = new ArrayList<>();
        steps.add("s=" + quote(service.name()) + "; r=0");
        if (service.active() != null) {
            steps.add("a=$(systemctl is-active \"$s\"); echo \"active: $a\"; [ \"$a\" " + (service.active() ? "=" : "!=")
                    + " active ] || r=1");
        }
        if (service.enabled() != null) {
            steps.add("e=$(systemctl is-enabled \"$s\" 2>&1); echo \"enabled: $e\"; [ \"$e\" "
                    + (service.enabled() ? "=" : "!=") + " enabled ] || r=1");
        }
        if (service.active() == null && service.enabled() == null) {
            steps.add("a=$(systemctl is-active \"$s\"); echo \"active: $a\"; [ \"$a\" = active ] || r=1");
        }
        steps.add("exit $r");
        return String.join("; ", steps);
    }

    static String port(TemplateSpec.PortCheck port, UnaryOperator<String> hostOf) {
        String host = hostOf.apply(port.host());
        String target = quote(host) + " " + port.port();
        String probe = "udp".equals(port.protocol())
                ? "nc -u -z -w " + PROBE_SECONDS + " " + target
                : "timeout " + PROBE_SECONDS + " bash -c 'exec 3<>/dev/tcp/$0/$1' " + target;
        String name = (port.protocol() == null ? "tcp" : port.protocol()) + " " + host + ":" + port.port();
        String open = "echo " + quote(name + " open") + (port.open() ? "" : "; exit 1");
        String closed = "echo " + quote(name + " closed") + (port.open() ? "; exit 1" : "");
        return "if " + probe + " 2>/dev/null; then " + open + "; else " + closed + "; fi";
    }

    static String http(TemplateSpec.HttpCheck http) {
        String request = "b=$(mktemp); trap 'rm -f \"$b\"' EXIT; c=$(curl -s -o \"$b\" -w '%{http_code}' --max-time "
                + PROBE_SECONDS + " " + quote(http.url()) + ")";
        if (Boolean.FALSE.equals(http.reachable())) {
            return request + "; r=$?; echo \"curl $r, status $c\"; [ $r -ne 0 ] || [ \"$c\" = 000 ]";
        }
        List<String> steps = new ArrayList<>();
        steps.add(request + " || { echo \"unreachable (curl $?)\"; exit 1; }");
        steps.add("echo \"status $c\"");
        if (http.status() != null) steps.add("[ \"$c\" = " + http.status() + " ] || exit 1");
        if (http.contains() != null) {
            steps.add("if grep -qF -- " + quote(http.contains()) + " \"$b\"; then echo 'body matches'; "
                    + "else echo 'body does not contain the text'; exit 1; fi");
        }
        return String.join("; ", steps);
    }

    static String dns(TemplateSpec.DnsCheck dns) {
        String server = dns.server() == null ? "" : " @" + quote(dns.server());
        String type = dns.type() == null ? "A" : dns.type();
        String query = "a=$(dig +short +time=2 +tries=2" + server + " " + quote(dns.name()) + " " + type + ")";
        String show = "echo \"$a\"";
        String check = dns.answer() == null ? "[ -n \"$a\" ]" : "printf '%s\\n' \"$a\" | grep -qE -- " + quote(dns.answer());
        return query + "; " + show + "; " + check;
    }

    /** The text as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
