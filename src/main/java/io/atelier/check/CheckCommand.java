package io.atelier.check;

import io.atelier.template.TemplateSpec;

/** What a check runs on its node (a shell command) and what its output must show. */
public record CheckCommand(String command, TemplateSpec.Expect expect) {
}
