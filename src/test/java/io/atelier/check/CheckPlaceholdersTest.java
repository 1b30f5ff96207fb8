package io.atelier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import io.atelier.document.Text;
import io.atelier.template.TemplateSpec.Check;
import io.atelier.template.TemplateSpec.Expect;
import io.atelier.template.TemplateSpec.FileCheck;
import io.atelier.template.TemplateSpec.HttpCheck;
import io.atelier.template.TemplateSpec.JsonMatch;
import io.atelier.template.TemplateSpec.Matcher;

/** A check is made concrete for one lab: its texts get the lab's parameter values. */
class CheckPlaceholdersTest {

    @Test
    void everyTextOfACheckIsFilledAndTheRestKept() {
        Check template = new Check("c", List.of("X.y"), 2.0, "poste", new Text("Le site {{site}}", null),
                new Text("Bloquez {{site}} pour {{trainee}}", "Block {{site}}"), "30s", "curl -s http://{{site}}/",
                new Expect(new TextNode("nonzero"), new Matcher(null, "{{site}}", null, null, null),
                        new Matcher(null, null, null, new JsonMatch("/a", new TextNode("{{site}}")), null)),
                new FileCheck("/home/{{trainee}}/rapport", true, null, null, "{{trainee}}"), null, null,
                new HttpCheck("http://{{site}}/", null, false, null), null, "reboot");
        Check filled = CheckPlaceholders.fill(template, Map.of("site", "jeux.example", "trainee", "stagiaire1"));
        assertEquals("curl -s http://jeux.example/", filled.run());
        assertEquals("Le site jeux.example", filled.description().fr());
        assertEquals("Bloquez jeux.example pour stagiaire1", filled.feedback().fr());
        assertEquals("Block jeux.example", filled.feedback().en());
        assertEquals("jeux.example", filled.expect().stdout().contains());
        assertEquals("jeux.example", filled.expect().stderr().json().equals().asText());
        assertEquals("nonzero", filled.expect().exit().asText());
        assertEquals("/home/stagiaire1/rapport", filled.file().path());
        assertEquals("stagiaire1", filled.file().owner());
        assertEquals("http://jeux.example/", filled.http().url());
        assertEquals(false, filled.http().reachable());
        assertEquals("30s", filled.timeout());
        assertEquals(2.0, filled.points());
        assertTrue(filled.afterReboot(), "graded after the platform's reboot, as in the template");
    }
}
