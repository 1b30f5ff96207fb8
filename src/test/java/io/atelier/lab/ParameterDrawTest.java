package io.atelier.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.atelier.template.TemplateSpec;

/** Per-trainee parameters: the same lab id always draws the same values; labs differ. */
class ParameterDrawTest {

    static final Map<String, TemplateSpec.Parameter> RULES = Map.of(
            "site", new TemplateSpec.Parameter(List.of("jeux.example", "video.example", "paris.example"), null, null),
            "vlan", new TemplateSpec.Parameter(null, new TemplateSpec.IntegerRange(10, 99), null),
            "secret", new TemplateSpec.Parameter(null, null, new TemplateSpec.PasswordRule(12)));

    @Test
    void theSameLabDrawsTheSameValues() {
        UUID id = UUID.randomUUID();
        assertEquals(ParameterDraw.draw(RULES, id), ParameterDraw.draw(RULES, UUID.fromString(id.toString())));
    }

    @Test
    void valuesFollowTheirRulesAndVaryBetweenLabs() {
        Set<String> sites = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Map<String, String> values = ParameterDraw.draw(RULES, UUID.randomUUID());
            assertTrue(List.of("jeux.example", "video.example", "paris.example").contains(values.get("site")));
            int vlan = Integer.parseInt(values.get("vlan"));
            assertTrue(vlan >= 10 && vlan <= 99, "vlan " + vlan);
            assertEquals(12, values.get("secret").length());
            sites.add(values.get("site"));
            secrets.add(values.get("secret"));
        }
        assertEquals(3, sites.size(), "50 labs use every choice");
        assertEquals(50, secrets.size(), "passwords differ between labs");
    }
}
