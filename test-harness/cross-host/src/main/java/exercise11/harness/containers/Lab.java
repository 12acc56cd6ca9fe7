package exercise11.harness.containers;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network.Ipam;
import exercise11.harness.JavaProgram;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opentest4j.TestAbortedException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A small network of hosts made for one check: a Docker bridge network of its own (internal, so nothing on it can
 * reach any other address), and hosts on it, each a container from the {@link HostImage} holding the module's
 * classes. Closing the lab removes its hosts and then its network, whatever happened in the check.
 *
 * <pre>{@code
 * try (Lab lab = Lab.open("delivery")) {
 *     List<Host> hosts = lab.hosts("server", "client");
 *     ContainerProgram server = hosts.get(0).run("exercise11.UdpServer", "--host", hosts.get(0).address(), ...);
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {

    /** Value of {@link DockerEnvironment#KIT_LABEL} on the hosts. */
    static final String HOST_LABEL_VALUE = "lab-host";
    /** Value of {@link DockerEnvironment#KIT_LABEL} on the networks. */
    static final String NETWORK_LABEL_VALUE = "lab-network";

    private final String name;
    private final HostImage.Built image;
    private final Network network;
    private final String subnet;
    private final String broadcast;
    private final byte[] probeClass;
    private final List<Path> classes;
    private final List<Host> hosts = new CopyOnWriteArrayList<>();

    private Lab(String name, HostImage.Built image, Network network, String subnet) {
        this.name = name;
        this.image = image;
        this.network = network;
        this.subnet = subnet;
        this.broadcast = broadcastOf(subnet);
        this.probeClass = probeClass();
        this.classes = classesUnderTest();
    }

    /** Create the lab's network ({@code name} appears in messages and labels). Its hosts come with {@link #hosts}. */
    public static Lab open(String name) {
        HostImage.Built image = HostImage.of(HostImage.BASE);
        Network network = Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withInternal(true)
                        .withLabels(Map.of(DockerEnvironment.KIT_LABEL, NETWORK_LABEL_VALUE, "exercise11.lab", name)))
                .build();
        try {
            String id = network.getId();
            Ipam ipam = DockerEnvironment.client().inspectNetworkCmd().withNetworkId(id).exec().getIpam();
            String subnet = ipam.getConfig().stream().map(Ipam.Config::getSubnet)
                    .filter(s -> s != null && s.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Docker gave the lab network no IPv4 subnet"));
            return new Lab(name, image, network, subnet);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** Return the image the hosts run. */
    public HostImage.Built image() {
        return image;
    }

    /** Return the lab network's IPv4 subnet, such as {@code 172.18.0.0/16}. */
    public String subnet() {
        return subnet;
    }

    /** Return the lab network's broadcast address, such as {@code 172.18.255.255}. */
    public String broadcastAddress() {
        return broadcast;
    }

    /** Start one host per name, at the same time, and return them in that order. */
    public List<Host> hosts(String... names) {
        List<CompletableFuture<Host>> starting = new ArrayList<>();
        for (String host : names) {
            starting.add(CompletableFuture.supplyAsync(() -> start(host, false)));
        }
        return collect(starting);
    }

    /**
     * Start a host whose own packet filter the checks may change (it has the NET_ADMIN capability), and the
     * {@code others} without, all at the same time; return the firewalled host first.
     */
    public List<Host> hostsWithFirewallOn(String firewalled, String... others) {
        if (!image.hasFirewall()) {
            throw new TestAbortedException("skipped: this computer has no iptables binary to copy into the hosts,"
                    + " so no host can have a firewall here.");
        }
        List<CompletableFuture<Host>> starting = new ArrayList<>();
        starting.add(CompletableFuture.supplyAsync(() -> start(firewalled, true)));
        for (String host : others) {
            starting.add(CompletableFuture.supplyAsync(() -> start(host, false)));
        }
        return collect(starting);
    }

    /** Remove every host (stopping whatever runs on it), then the network. */
    @Override
    public void close() {
        // A check stopped by its timeout is interrupted; Docker calls made from an interrupted thread may fail.
        boolean interrupted = Thread.interrupted();
        try {
            removeAll();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeAll() {
        RuntimeException failure = null;
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (Host host : hosts) {
            stopping.add(CompletableFuture.runAsync(() -> host.container().stop()));
        }
        for (CompletableFuture<Void> stop : stopping) {
            try {
                stop.join();
            } catch (CompletionException e) {
                failure = failure == null ? new IllegalStateException("could not remove a host of lab " + name, e.getCause()) : failure;
            }
        }
        try {
            network.close();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Host start(String host, boolean firewall) {
        List<String> classpath = new ArrayList<>();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image.name()))
                .withNetwork(network)
                .withCommand("-Xmx16m", "-cp", Host.PROBE_DIR, Probe.class.getName(), "idle")
                .withCopyToContainer(Transferable.of(probeClass),
                        Host.PROBE_DIR + "/" + Probe.class.getName().replace('.', '/') + ".class")
                .withLabels(Map.of(DockerEnvironment.KIT_LABEL, HOST_LABEL_VALUE, "exercise11.lab", name, "exercise11.host", host))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withHostName(host);
                    if (firewall && cmd.getHostConfig() != null) {
                        cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
                    }
                });
        for (int i = 0; i < classes.size(); i++) {
            String target = classes.size() == 1 ? Host.CLASSES_DIR : Host.CLASSES_DIR + "/" + i;
            container.withCopyToContainer(MountableFile.forHostPath(classes.get(i)), target);
            classpath.add(target);
        }
        container.start();
        Host started = null;
        try {
            String address = container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                    .filter(n -> network.getId().equals(n.getNetworkID())).map(ContainerNetwork::getIpAddress)
                    .findFirst().orElseThrow(() -> new IllegalStateException("host " + host + " has no address on the lab network"));
            started = new Host(host, address, firewall, container, classpath);
            return started;
        } finally {
            if (started != null) {
                hosts.add(started);
            } else {
                container.stop();
            }
        }
    }

    private List<Host> collect(List<CompletableFuture<Host>> starting) {
        List<Host> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<Host> future : starting) {
            try {
                started.add(future.join());
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure; // the hosts that did start are removed by close()
        }
        return started;
    }

    private static String broadcastOf(String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] bytes = InetAddress.getByName(parts[0]).getAddress(); // a literal: no lookup
            int address = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
            int prefix = Integer.parseInt(parts[1]);
            int hostBits = prefix == 0 ? -1 : (1 << (32 - prefix)) - 1;
            int all = address | hostBits;
            return ((all >>> 24) & 0xff) + "." + ((all >>> 16) & 0xff) + "." + ((all >>> 8) & 0xff) + "." + (all & 0xff);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IPv4 subnet: " + cidr, e);
        }
    }

    private static byte[] probeClass() {
        try (InputStream in = Probe.class.getResourceAsStream(Probe.class.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("cannot find the class file of " + Probe.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> classesUnderTest() {
        List<Path> entries = new ArrayList<>();
        for (String entry : JavaProgram.classpathOf("exercise11.UdpServer").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank() && Files.exists(Path.of(entry))) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }
}
