package io.atelier.image;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where {@code ./atelier images build} leaves the base images: {@code atelier.images.*}. */
@ConfigMapping(prefix = "atelier.images")
public interface ImageConfig {

    @WithDefault("/var/lib/atelier/images")
    Path dir();
}
