package io.atelier.check;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.atelier.node.HostExaminer;
import io.atelier.node.NodeShell;

/** Checks on a lab's examiner on the host ({@link HostExaminer}): in its namespaces, as its root (nobody on the host). */
final class HostExaminerTransport implements Transport {

    private final HostExaminer examiner;

    HostExaminerTransport(HostExaminer examiner) {
        this.examiner = examiner;
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public CommandOutput run(String command, Duration timeout) throws IOException, TimeoutException {
        NodeShell.Result r = examiner.run(command, timeout);
        return new CommandOutput(r.exit(), r.stdout(), r.stderr(), r.cut());
    }
}
