package io.atelier.check;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.template.TemplateSpec;

/**
 * Compares a command's output with a check's {@code expect}, as the template schema defines
 * it: the exit code (a number, {@code zero} or {@code nonzero}), and for stdout and stderr
 * exactly one of {@code equals} (whole output, trailing newlines ignored), {@code contains},
 * {@code regex} (found anywhere, multiline), {@code json} (the value at a JSON pointer) or
 * {@code number} (the output as a number, compared with {@code <}, {@code <=}, {@code ==},
 * {@code !=}, {@code >=}, {@code >}). Every expectation given must hold.
 */
public final class Expectations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Expectations() {
    }

    public static Evaluation evaluate(TemplateSpec.Expect expect, CommandOutput output) {
        if (expect == null) expect = new TemplateSpec.Expect(null, null, null);
        Evaluation exit = exit(expect.exit(), output.exit());
        if (!exit.passed()) return exit;
        Evaluation stdout = match("stdout", expect.stdout(), output.stdout());
        if (!stdout.passed()) return stdout;
        return match("stderr", expect.stderr(), output.stderr());
    }

    /** No exit expectation means zero: a command that fails does not pass by accident. */
    private static Evaluation exit(JsonNode expected, int actual) {
        if (expected == null || expected.isNull() || expected.asText().equals("zero")) {
            return actual == 0 ? Evaluation.pass() : Evaluation.fail("exit code " + actual + ", expected 0");
        }
        if (expected.asText().equals("nonzero")) {
            return actual != 0 ? Evaluation.pass() : Evaluation.fail("exit code 0, expected a failure");
        }
        int wanted = expected.asInt();
        return actual == wanted ? Evaluation.pass() : Evaluation.fail("exit code " + actual + ", expected " + wanted);
    }

    static Evaluation match(String stream, TemplateSpec.Matcher matcher, String text) {
        if (matcher == null) return Evaluation.pass();
        String output = text == null ? "" : text;
        if (matcher.equals() != null) {
            String whole = output.replaceAll("[\\r\\n]+$", "");
            return whole.equals(matcher.equals()) ? Evaluation.pass()
                    : Evaluation.fail(stream + " is '" + excerpt(whole) + "', expected '" + matcher.equals() + "'");
        }
        if (matcher.contains() != null) {
            return output.contains(matcher.contains()) ? Evaluation.pass()
                    : Evaluation.fail(stream + " does not contain '" + matcher.contains() + "'");
        }
        if (matcher.regex() != null) {
            try {
                return Pattern.compile(matcher.regex(), Pattern.MULTILINE).matcher(output).find() ? Evaluation.pass()
                        : Evaluation.fail(stream + " has nothing matching /" + matcher.regex() + "/");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression /" + matcher.regex() + "/: " + e.getDescription(), e);
            }
        }
        if (matcher.json() != null) return json(stream, matcher.json(), output);
        if (matcher.number() != null) return number(stream, matcher.number(), output);
        return Evaluation.pass();
    }

    private static Evaluation json(String stream, TemplateSpec.JsonMatch match, String output) {
        JsonNode document;
        try {
            document = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            return Evaluation.fail(stream + " is not JSON: " + e.getOriginalMessage());
        }
        if (document == null) return Evaluation.fail(stream + " is empty, expected JSON");
        JsonNode value = document.at(match.path());
        if (value.isMissingNode()) return Evaluation.fail(stream + " has no value at " + match.path());
        boolean same = value.equals(match.equals())
                || (value.isNumber() && match.equals() != null && match.equals().isNumber()
                        && value.decimalValue().compareTo(match.equals().decimalValue()) == 0);
        return same ? Evaluation.pass()
                : Evaluation.fail(stream + " has " + value + " at " + match.path() + ", expected " + match.equals());
    }

    private static Evaluation number(String stream, TemplateSpec.NumberMatch match, String output) {
        double actual;
        try {
            actual = Double.parseDouble(output.strip());
        } catch (NumberFormatException e) {
            return Evaluation.fail(stream + " is '" + excerpt(output.strip()) + "', not a number");
        }
        double wanted = match.value();
        boolean ok = switch (match.op()) {
            case "<" -> actual < wanted;
            case "<=" -> actual <= wanted;
            case "==" -> actual == wanted;
            case "!=" -> actual != wanted;
            case ">=" -> actual >= wanted;
            case ">" -> actual > wanted;
            default -> throw new IllegalArgumentException("unknown comparison '" + match.op() + "'");
        };
        return ok ? Evaluation.pass() : Evaluation.fail(stream + " is " + output.strip() + ", expected " + match.op() + " " + format(wanted));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
