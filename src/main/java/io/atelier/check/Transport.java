package io.atelier.check;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A way to run a check's command on a node: SSH first, the QEMU guest agent when SSH cannot reach it. */
public interface Transport {

    /** {@code ssh} or {@code guest-agent}: which one ran a check is part of its result. */
    String name();

    /**
     * @throws IOException      the node cannot be reached this way (the next transport is tried)
     * @throws TimeoutException the command ran but outlived {@code timeout}
     */
    CommandOutput run(String command, Duration timeout) throws IOException, TimeoutException;
}
