package io.atelier.referential;

import java.util.Collection;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.document.DocumentException;
import io.atelier.template.TemplateConfig;
import io.quarkus.runtime.Startup;

/**
 * The referentials of the platform, read and validated at start-up: a broken
 * referential stops the server with every problem listed, since no grade can be
 * computed against it.
 */
@Startup
@ApplicationScoped
public class ReferentialCatalog {

    private static final Logger LOG = Logger.getLogger(ReferentialCatalog.class);

    @Inject
    TemplateConfig config;

    private Referentials referentials;

    @PostConstruct
    void load() {
        try {
            referentials = new ReferentialLoader(config.schemaDir()).loadAll(config.referentialsDir());
        } catch (DocumentException e) {
            throw new IllegalStateException("The referentials in " + config.referentialsDir().toAbsolutePath()
                    + " are invalid; fix them and restart:\n" + e.getMessage(), e);
        }
        LOG.infof("Loaded %d referential(s): %s", referentials.all().size(), referentials.ids());
    }

    public Referentials referentials() {
        return referentials;
    }

    public Collection<Referential> all() {
        return referentials.all();
    }

    public Optional<Referential> find(String id) {
        return referentials.find(id);
    }
}
