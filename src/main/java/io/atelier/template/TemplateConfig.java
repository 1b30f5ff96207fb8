package io.atelier.template;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where lab templates, referentials and schemas are read from. */
@ConfigMapping(prefix = "atelier.templates")
public interface TemplateConfig {

    /** The lab-templates folder: template folders, plus referentiels/ and schema/. */
    @WithDefault("lab-templates")
    Path dir();

    default Path schemaDir() {
        return dir().resolve("schema");
    }

    default Path referentialsDir() {
        return dir().resolve("referentiels");
    }
}
