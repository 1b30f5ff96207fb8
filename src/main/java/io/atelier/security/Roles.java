package io.atelier.security;

/** The realm roles of Keycloak realm {@code atelier}; every endpoint names the ones it allows. */
public final class Roles {

    public static final String TRAINEE = "trainee";
    public static final String TRAINER = "trainer";
    public static final String VALIDATOR = "validator";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
