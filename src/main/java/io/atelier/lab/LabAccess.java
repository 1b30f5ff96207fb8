package io.atelier.lab;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

import io.atelier.api.RequestRefused;
import io.atelier.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who may see and operate a lab, for the caller of a request. A lab someone may not see
 * answers 404, as if it did not exist: its trainee and the trainer who launched it see it,
 * validators and admins see every lab.
 */
@RequestScoped
public class LabAccess {

    @Inject
    LabService labs;

    @Inject
    SecurityIdentity identity;

    @Inject
    LabSessionRules sessions;

    /** The lab if the caller may see it, else 404. */
    public Lab visible(String id) {
        Lab lab = labs.require(parse(id));
        // A hot pool's lab is no one's until claimed: not even an admin reads its password.
        if (lab.pooled() || !seesAll() && !lab.trainee().equals(me()) && !lab.createdBy().equals(me())) {
            throw new NotFoundException("No lab " + id + ".");
        }
        return lab;
    }

    /** A lab the caller may operate: their own, or one they launched, or any for an admin; else 403 (404 if not visible). */
    public Lab operable(String id) {
        Lab lab = visible(id);
        if (!identity.hasRole(Roles.ADMIN) && !isTrainee(lab) && !lab.createdBy().equals(me())) {
            throw new ForbiddenException("Only the lab's trainee, the trainer who launched it or an admin can do this.");
        }
        return lab;
    }

    /**
     * For the lab's trainee: 409 while the lab's session keeps the lab closed (not started,
     * paused, ended), or, for a practice lab, while they take an exam on its template.
     */
    public void requireOpenToTrainee(Lab lab) {
        if (!isTrainee(lab)) return;
        String closed = sessions.closed(lab.id());
        if (closed == null && lab.createdBy().equals(lab.trainee())) {
            closed = sessions.practiceClosed(lab.trainee(), lab.templateId());
        }
        if (closed != null) throw RequestRefused.conflict(closed);
    }

    /** A lab the caller may stop, start, reset or delete: operable, and for a session's lab only by the staff (403). */
    public Lab manageable(String id) {
        Lab lab = operable(id);
        if (isTrainee(lab) && sessions.inSession(lab.id())) {
            throw new ForbiddenException("This lab belongs to a session: its trainer stops, resets or deletes it.");
        }
        return lab;
    }

    /** True when the caller is the lab's trainee and the lab's session is an exam (its hints are not shown). */
    public boolean hintsHiddenFromMe(Lab lab) {
        return isTrainee(lab) && sessions.hintsHidden(lab.id());
    }

    /** The trainee's password is for the trainee, the trainer who launched the lab and admins; not for validators. */
    public boolean seesPassword(Lab lab) {
        return isTrainee(lab) || lab.createdBy().equals(me()) || isAdmin();
    }

    /** A template's hidden parameters are for the trainer who launched the lab and admins, never its trainee. */
    public boolean seesHiddenParameters(Lab lab) {
        return !isTrainee(lab) && (lab.createdBy().equals(me()) || isAdmin());
    }

    public boolean isTrainee(Lab lab) {
        return lab.trainee().equals(me());
    }

    public boolean seesAll() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.VALIDATOR);
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public boolean isStaff() {
        return identity.hasRole(Roles.TRAINER) || identity.hasRole(Roles.ADMIN);
    }

    public String me() {
        return identity.getPrincipal().getName();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No lab " + id + ".");
        }
    }
}
