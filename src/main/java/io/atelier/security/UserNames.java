package io.atelier.security;

import java.util.regex.Pattern;

import io.atelier.api.RequestRefused;

/**
 * The one rule for a trainee's user name: it becomes a Linux account on every node of their
 * labs, so it is a portable Linux login (lower-case letter or '_', then up to 31 lower-case
 * letters, digits, '_' or '-'), the same rule the images' first boot applies.
 */
public final class UserNames {

    private static final Pattern RULE = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private UserNames() {
    }

    public static boolean valid(String name) {
        return name != null && RULE.matcher(name).matches();
    }

    /** 400 naming the field and the rule, unless {@code name} follows it. */
    public static String require(String field, String name) {
        if (!valid(name)) {
            throw RequestRefused.badRequest("'" + field + "' must be a user name such as stagiaire1 (a lower-case "
                    + "letter or '_', then lower-case letters, digits, '-' or '_', 32 at most), not '" + name + "'.");
        }
        return name;
    }
}
