package io.atelier.lab;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Fast lab tests: libvirt's test driver, fake images, the test templates. */
public class LabTestProfile implements QuarkusTestProfile {

    static final Path IMAGES = Path.of("target", "test-data", "images");

    @Override
    public Map<String, String> getConfigOverrides() {
        TestLabTemplates.fakeImages(IMAGES, "debian-base", "debian-web", "debian-examiner");
        // room for the labs the tests leave READY (LabLimitsTest tests the limits themselves)
        return Map.of("atelier.templates.dir", TestLabTemplates.prepare("lab-test-templates").toString(),
                "atelier.labs.max-running", "40", "atelier.labs.max-memory-mib", "40000");
    }
}
