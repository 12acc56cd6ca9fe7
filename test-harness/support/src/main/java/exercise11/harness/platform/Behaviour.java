package exercise11.harness.platform;

/**
 * What some checks rest on that Linux's loopback does and another system's may not. Each is found out on the machine
 * the checks run on by {@link Probe}, with the kit's own sockets, before any check that rests on it runs.
 */
public enum Behaviour {

    /** A datagram sent to 127.255.255.255 reaches a socket bound to 0.0.0.0 on its port. */
    LOOPBACK_BROADCAST("a datagram sent to 127.255.255.255 reaches a socket bound to 0.0.0.0"),
    /**
     * ICMP "port unreachable" on loopback comes back to a connected socket, as a {@code PortUnreachableException} on
     * its next call, and never to an unconnected one.
     */
    PORT_UNREACHABLE("ICMP 'port unreachable' on loopback reaches a connected socket (PortUnreachableException)"
            + " and never an unconnected one"),
    /** A socket with SO_BROADCAST off is refused a datagram to 127.255.255.255. */
    BROADCAST_NEEDS_OPTION("a socket with SO_BROADCAST off is refused a datagram to 127.255.255.255"),
    /** Every address of 127.0.0.0/8 is this machine's: a socket can bind 127.0.0.0 (the lesson's CLIENT_UDP_IPv4). */
    WHOLE_LOOPBACK_NET("every address of 127.0.0.0/8 is this machine's, so a socket can bind 127.0.0.0");

    /** Where docs/student-guide.md says what each system does. */
    public static final String GUIDE = "docs/student-guide.md#your-machine-windows-macos-linux";

    private final String onLinux;

    Behaviour(String onLinux) {
        this.onLinux = onLinux;
    }

    /** What Linux does, as one clause: {@code a datagram sent to 127.255.255.255 reaches ...}. */
    public String onLinux() {
        return onLinux;
    }
}
