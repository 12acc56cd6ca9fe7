package exercise11.harness.platform;

/**
 * What {@link Probe} found of one behaviour on this machine: whether it holds, and in one clause what the probe saw
 * ({@code a unicast to 127.0.0.1 arrived, the broadcast sent before it did not}).
 */
public record Finding(Behaviour behaviour, boolean holds, String seen) {

    /** The behaviour holds here. */
    static Finding holds(Behaviour behaviour, String seen) {
        return new Finding(behaviour, true, seen);
    }

    /** The behaviour does not hold here: {@code seen} is what this machine does instead. */
    static Finding absent(Behaviour behaviour, String seen) {
        return new Finding(behaviour, false, seen);
    }

    /** The line a check resting on an absent behaviour is reported with, on a student's machine. */
    public String notHere() {
        return "not on this machine: " + seen + "; graded on Linux, where " + behaviour.onLinux() + " (see "
                + Behaviour.GUIDE + ")";
    }

    /** The line that stops a grading run on a machine where the behaviour is absent. */
    public String cannotGrade() {
        return "this machine cannot grade the checks: here " + seen + ", but some checks rest on what Linux does ("
                + behaviour.onLinux() + "); grade on a Linux machine whose loopback has no firewall rule";
    }
}
