package io.atelier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import io.atelier.template.TemplateSpec.Expect;
import io.atelier.template.TemplateSpec.JsonMatch;
import io.atelier.template.TemplateSpec.Matcher;
import io.atelier.template.TemplateSpec.NumberMatch;

/** Every expectation kind of the template schema, passing and failing, and the reason kept as evidence. */
class ExpectationsTest {

    static CommandOutput out(int exit, String stdout) {
        return new CommandOutput(exit, stdout, "");
    }

    static Expect stdout(Matcher matcher) {
        return new Expect(null, matcher, null);
    }

    static Matcher equalsText(String s) {
        return new Matcher(s, null, null, null, null);
    }

    @Test
    void theExitCodeIsZeroUnlessSaidOtherwise() {
        assertTrue(Expectations.evaluate(null, out(0, "")).passed());
        Evaluation failed = Expectations.evaluate(null, out(2, ""));
        assertFalse(failed.passed());
        assertEquals("exit code 2, expected 0", failed.reason());
        assertTrue(Expectations.evaluate(new Expect(new TextNode("nonzero"), null, null), out(1, "")).passed());
        assertFalse(Expectations.evaluate(new Expect(new TextNode("nonzero"), null, null), out(0, "")).passed());
        assertTrue(Expectations.evaluate(new Expect(IntNode.valueOf(3), null, null), out(3, "")).passed());
        assertEquals("exit code 1, expected 3", Expectations.evaluate(new Expect(IntNode.valueOf(3), null, null), out(1, "")).reason());
    }

    @Test
    void equalsComparesTheWholeOutputWithoutItsTrailingNewlines() {
        assertTrue(Expectations.evaluate(stdout(equalsText("active")), out(0, "active\n")).passed());
        assertTrue(Expectations.evaluate(stdout(equalsText("active")), out(0, "active\r\n\n")).passed());
        Evaluation partial = Expectations.evaluate(stdout(equalsText("active")), out(0, "inactive\n"));
        assertEquals("stdout is 'inactive', expected 'active'", partial.reason());
        assertFalse(Expectations.evaluate(stdout(equalsText("a")), out(0, " a\n")).passed(), "leading space counts");
    }

    @Test
    void containsAndRegexLookAnywhereInTheOutput() {
        Matcher contains = new Matcher(null, "PermitRootLogin no", null, null, null);
        assertTrue(Expectations.evaluate(stdout(contains), out(0, "Port 22\nPermitRootLogin no\n")).passed());
        assertFalse(Expectations.evaluate(stdout(contains), out(0, "PermitRootLogin yes\n")).passed());
        Matcher regex = new Matcher(null, null, "^permitrootlogin\\s+no$", null, null);
        assertTrue(Expectations.evaluate(stdout(regex), out(0, "port 22\npermitrootlogin no\nx\n")).passed(),
                "multiline: ^ and $ match at each line");
        assertFalse(Expectations.evaluate(stdout(regex), out(0, "permitrootlogin yes\n")).passed());
        assertThrows(IllegalArgumentException.class,
                () -> Expectations.evaluate(stdout(new Matcher(null, null, "(", null, null)), out(0, "")));
    }

    @Test
    void jsonTakesTheValueAtAPointer() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String json = "{\"status\":[{\"state\":\"up\",\"mtu\":1500}]}";
        assertTrue(Expectations.evaluate(stdout(new Matcher(null, null, null, new JsonMatch("/status/0/state", f.textNode("up")), null)),
                out(0, json)).passed());
        assertTrue(Expectations.evaluate(stdout(new Matcher(null, null, null, new JsonMatch("/status/0/mtu", f.numberNode(1500.0)), null)),
                out(0, json)).passed(), "1500 equals 1500.0");
        assertEquals("stdout has \"up\" at /status/0/state, expected \"down\"",
                Expectations.evaluate(stdout(new Matcher(null, null, null, new JsonMatch("/status/0/state", f.textNode("down")), null)),
                        out(0, json)).reason());
        assertEquals("stdout has no value at /status/1",
                Expectations.evaluate(stdout(new Matcher(null, null, null, new JsonMatch("/status/1", f.textNode("x")), null)),
                        out(0, json)).reason());
        assertTrue(Expectations.evaluate(stdout(new Matcher(null, null, null, new JsonMatch("/a", f.textNode("x")), null)),
                out(0, "not json")).reason().startsWith("stdout is not JSON"));
    }

    @Test
    void numberComparesTheOutputAsANumber() {
        String[][] cases = { { "<", "6", "true" }, { "<", "5", "false" }, { "<=", "5", "true" }, { "==", "5", "true" },
                { "==", "5.0", "true" }, { "!=", "5", "false" }, { ">=", "6", "false" }, { ">", "4.5", "true" } };
        for (String[] c : cases) {
            Evaluation e = Expectations.evaluate(stdout(new Matcher(null, null, null, null,
                    new NumberMatch(c[0], Double.parseDouble(c[1])))), out(0, " 5\n"));
            assertEquals(Boolean.parseBoolean(c[2]), e.passed(), "5 " + c[0] + " " + c[1]);
        }
        assertEquals("stdout is 'cinq', not a number", Expectations.evaluate(stdout(new Matcher(null, null, null, null,
                new NumberMatch(">", 1))), out(0, "cinq")).reason());
    }

    @Test
    void stderrIsCheckedTooAndEveryExpectationMustHold() {
        Expect both = new Expect(new TextNode("nonzero"), null, new Matcher(null, "Permission denied", null, null, null));
        assertTrue(Expectations.evaluate(both, new CommandOutput(1, "", "smb: Permission denied\n")).passed());
        assertEquals("stderr does not contain 'Permission denied'",
                Expectations.evaluate(both, new CommandOutput(1, "", "NT_STATUS_OK\n")).reason());
        assertFalse(Expectations.evaluate(both, new CommandOutput(0, "", "Permission denied")).passed(),
                "the exit expectation fails first");
    }
}
