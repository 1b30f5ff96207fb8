package io.atelier.lab;

import java.util.Set;

/** The lab tests' profile with the mock steps' runner ({@link MockTemplateSteps}): scripts are recorded, not run. */
public class CatchUpMockProfile extends LabTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MockTemplateSteps.class);
    }
}
