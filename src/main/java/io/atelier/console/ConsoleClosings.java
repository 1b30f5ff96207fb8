package io.atelier.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.atelier.lab.LabClosed;

/**
 * When a lab closes to its trainee (session paused or ended, work handed in, deadline,
 * stop, deletion), the trainee's open terminals and screens of it are closed at once with
 * the reason; new tickets are refused by {@code LabAccess} until it opens again. The staff
 * watching keep their view.
 */
@ApplicationScoped
public class ConsoleClosings {

    private static final Logger LOG = Logger.getLogger(ConsoleClosings.class);

    @Inject
    TerminalHub terminals;

    @Inject
    OpenDisplays displays;

    void onClosed(@Observes LabClosed closed) {
        terminals.closeFor(closed.lab(), closed.trainee(), closed.reason());
        var screens = displays.takeAll(closed.lab(), closed.trainee());
        screens.forEach(socket -> DisplayTunnelEndpoint.closeBecause(socket, closed.reason()));
        LOG.debugf("lab %s closed to %s: %s (%d screen(s) closed)", closed.lab(), closed.trainee(), closed.reason(),
                screens.size());
    }
}
