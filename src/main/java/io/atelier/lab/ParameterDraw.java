package io.atelier.lab;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

import io.atelier.template.TemplateSpec;

/**
 * Draws a template's per-trainee parameters from the lab id: the same lab always gets the
 * same values (a reset or a re-grading sees what the trainee saw), two labs usually differ.
 * Parameters are drawn in name order from one generator seeded by the id.
 */
public final class ParameterDraw {

    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private ParameterDraw() {
    }

    public static Map<String, String> draw(Map<String, TemplateSpec.Parameter> parameters, UUID labId) {
        SplittableRandom random = new SplittableRandom(labId.getMostSignificantBits() ^ labId.getLeastSignificantBits());
        Map<String, String> values = new TreeMap<>();
        new TreeMap<>(parameters).forEach((name, rule) -> values.put(name, drawOne(rule, random)));
        return values;
    }

    private static String drawOne(TemplateSpec.Parameter rule, SplittableRandom random) {
        if (rule.choice() != null) {
            return String.valueOf(rule.choice().get(random.nextInt(rule.choice().size())));
        }
        if (rule.integer() != null) {
            return String.valueOf(random.nextInt(rule.integer().min(), rule.integer().max() + 1));
        }
        return password(rule.password().length(), random);
    }

    static String password(int length, SplittableRandom random) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return out.toString();
    }
}
