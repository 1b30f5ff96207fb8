package io.atelier.hypervisor;

/** A libvirt call failed; the message says what was being done and libvirt's reason. */
public class HypervisorException extends RuntimeException {

    public HypervisorException(String message, Throwable cause) {
        super(message, cause);
    }

    public HypervisorException(String message) {
        super(message);
    }
}
