package exercise11.harness.containers;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;
import org.testcontainers.containers.GenericContainer;

/**
 * One machine of a {@link Lab}: a container with its own network stack and one address on the lab's network.
 *
 * <p>Its first process is the {@link Probe} idling; the programs under test and the probes run beside it, each
 * started like a command typed in a terminal on that machine ({@link #run}, {@link #probe}). A host made with a
 * firewall may change its own packet filter ({@link #dropIncomingUdp()}); the others may not.
 */
public final class Host {

    /** Where the module's classes are inside a host. */
    static final String CLASSES_DIR = "/exercise/classes";
    /** Where the probe's class is inside a host. */
    static final String PROBE_DIR = "/exercise/probe";

    private static final Duration TOOL_LIMIT = Duration.ofSeconds(10);

    private final String name;
    private final String address;
    private final boolean firewall;
    private final GenericContainer<?> container;
    private final List<String> classpath;

    Host(String name, String address, boolean firewall, GenericContainer<?> container, List<String> classpath) {
        this.name = name;
        this.address = address;
        this.firewall = firewall;
        this.container = container;
        this.classpath = classpath;
    }

    /** Return the host's name in the lab, as messages show it. */
    public String name() {
        return name;
    }

    /** Return the host's IPv4 address on the lab's network, such as {@code 172.18.0.3}. */
    public String address() {
        return address;
    }

    /**
     * Start {@code mainClass} of the module under test on this host, with the same JVM options as a local child JVM
     * (Latin-1 default charset, small heap), and {@code args}.
     */
    public ContainerProgram run(String mainClass, String... args) {
        List<String> command = new ArrayList<>(java("-Xmx64m", "-Dfile.encoding=ISO-8859-1",
                "-Dsun.stdout.encoding=ISO-8859-1", "-Dsun.stderr.encoding=ISO-8859-1"));
        command.addAll(List.of("-cp", String.join(":", classpath), mainClass));
        command.addAll(List.of(args));
        return start(mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + String.join(" ", args), command);
    }

    /** Start the checks' own {@link Probe} on this host with {@code args} (its mode first). */
    public ContainerProgram probe(String... args) {
        List<String> command = new ArrayList<>(java("-Xmx32m"));
        command.addAll(List.of("-cp", PROBE_DIR, Probe.class.getName()));
        command.addAll(List.of(args));
        return start("probe " + String.join(" ", args), command);
    }

    /** Add a rule to this host's packet filter that drops every incoming UDP datagram, silently. */
    public void dropIncomingUdp() {
        iptables("-A", "INPUT", "-p", "udp", "-j", "DROP");
    }

    /**
     * Add a rule that drops each incoming UDP datagram with {@code probability} (for example {@code 0.3}), at random and
     * independently: a lossy network on the way in, as {@code tc netem loss} would make one.
     */
    public void dropIncomingUdpAtRandom(String probability) {
        iptables("-A", "INPUT", "-p", "udp", "-m", "statistic", "--mode", "random", "--probability", probability, "-j", "DROP");
    }

    /** Remove the rule of {@link #dropIncomingUdp()}. */
    public void allowIncomingUdp() {
        iptables("-D", "INPUT", "-p", "udp", "-j", "DROP");
    }

    /** Return how many datagrams the rule that drops UDP (either kind) has dropped so far, by the filter's counter. */
    public long droppedUdpDatagrams() {
        ContainerProgram listing = iptables("-L", "INPUT", "-n", "-v", "-x");
        for (String line : listing.stdout()) {
            String[] fields = line.trim().split("\\s+");
            // pkts bytes target prot opt in out source destination
            if (fields.length > 3 && fields[2].equals("DROP") && (fields[3].equals("udp") || fields[3].equals("17"))) {
                return Long.parseLong(fields[0]);
            }
        }
        throw new AssertionFailedError("host '" + name + "' has no rule that drops UDP.\n" + listing.transcript());
    }

    private ContainerProgram iptables(String... args) {
        if (!firewall) {
            throw new IllegalStateException("host '" + name + "' was made without a firewall");
        }
        List<String> command = new ArrayList<>(List.of(HostImage.IPTABLES));
        command.addAll(List.of(args));
        ContainerProgram tool = start("iptables " + String.join(" ", args), command);
        int code = tool.awaitExit(TOOL_LIMIT);
        if (code != 0) {
            throw new AssertionFailedError("the checks could not change the firewall of host '" + name
                    + "' (exit code " + code + "); this is a problem of the test set-up, not of your code.\n" + tool.transcript());
        }
        return tool;
    }

    private ContainerProgram start(String what, List<String> command) {
        DockerClient docker = DockerEnvironment.client();
        return ContainerProgram.start(docker, container.getContainerId(), what + "  [on host '" + name + "', " + address + "]", command);
    }

    private static List<String> java(String... options) {
        List<String> command = new ArrayList<>();
        command.add(HostImage.JAVA);
        command.addAll(HostImage.JVM_FLAGS);
        command.addAll(List.of(options));
        return command;
    }

    GenericContainer<?> container() {
        return container;
    }
}
