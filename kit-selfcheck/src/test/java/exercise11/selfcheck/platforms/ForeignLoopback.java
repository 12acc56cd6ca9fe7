package exercise11.selfcheck.platforms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A loopback that behaves as another system's does, made on Linux in a network namespace of its own ({@code unshare
 * --net}) whose {@code lo} is changed before the command runs in it. Nothing outside the namespace is touched, and the
 * namespace has no network but its loopback.
 */
enum ForeignLoopback {

    /** Broadcasts to 127.255.255.255 are dropped on arrival, as on a loopback that does not deliver them (macOS). */
    NO_BROADCAST("iptables -A INPUT -d 127.255.255.255 -j DROP"),
    /** ICMP "port unreachable" is dropped, as by a firewall that drops ICMP on loopback. */
    NO_ICMP("iptables -A INPUT -p icmp --icmp-type port-unreachable -j DROP"),
    /**
     * Only 127.0.0.1 is this machine's; the rest of 127.0.0.0/8 is routed to lo but not local (as on macOS, where
     * other loopback addresses need an alias), so 127.255.255.255 is no broadcast address either.
     */
    ONE_ADDRESS("ip addr del 127.0.0.1/8 dev lo && ip addr add 127.0.0.1/32 dev lo && ip route add 127.0.0.0/8 dev lo"),
    /** All three at once. */
    ALL(ONE_ADDRESS.setup + " && " + NO_BROADCAST.setup + " && " + NO_ICMP.setup);

    /** Set when the emulations must run (CI): a machine that cannot make them fails instead of skipping. */
    static final String REQUIRE_VARIABLE = "EXERCISE11_REQUIRE_NETNS";

    private final String setup;

    ForeignLoopback(String setup) {
        this.setup = setup;
    }

    /** What a command run in such a namespace ended with, and printed (standard output and error together). */
    record Ran(int exitCode, String output) {
    }

    /**
     * Skip the caller unless this machine can make such namespaces (root, unshare, iptables); where
     * {@value #REQUIRE_VARIABLE} is set, fail instead.
     */
    static void requireNamespaces() throws IOException {
        String missing = "";
        try {
            Ran probe = run(null, Path.of("."), List.of(), "iptables", "-L", "INPUT", "-n");
            if (probe.exitCode() != 0) {
                missing = "unshare --net with iptables failed here: " + probe.output().strip();
            }
        } catch (IOException e) {
            missing = "cannot run unshare: " + e.getMessage();
        }
        if (!missing.isEmpty()) {
            assertTrue(System.getenv(REQUIRE_VARIABLE) == null, REQUIRE_VARIABLE + " is set but " + missing);
            Assumptions.abort("network namespaces cannot be made here (root, unshare and iptables are needed): " + missing);
        }
    }

    /** Run {@code command} in {@code folder}, inside a namespace whose loopback is changed as this emulation says. */
    Ran run(Path folder, List<String> unsetVariables, String... command) throws IOException {
        return run(this, folder, unsetVariables, command);
    }

    /**
     * Run {@code command} in a new network namespace with {@code lo} up, changed as {@code loopback} says (none: the
     * plain Linux loopback), with the variables {@code unset} removed from its environment.
     */
    static Ran run(ForeignLoopback loopback, Path folder, List<String> unset, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of("unshare", "--net", "bash", "-c",
                "ip link set lo up" + (loopback == null ? "" : " && " + loopback.setup) + " && exec \"$@\"", "emulation"));
        line.addAll(List.of(command));
        return start(folder, unset, line);
    }

    /** Run {@code command} on this machine's own network, with the variables {@code unset} removed. */
    static Ran here(Path folder, List<String> unset, String... command) throws IOException {
        return start(folder, unset, List.of(command));
    }

    private static Ran start(Path folder, List<String> unset, List<String> line) throws IOException {
        String command = String.join(" ", line);
        ProcessBuilder builder = new ProcessBuilder(line).directory(folder.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        unset.forEach(environment::remove);
        Path log = Files.createTempFile("exercise11-emulation", ".log");
        try {
            builder.redirectOutput(log.toFile());
            Process process = builder.start();
            try {
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IOException(command + " did not end within 10 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return new Ran(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
