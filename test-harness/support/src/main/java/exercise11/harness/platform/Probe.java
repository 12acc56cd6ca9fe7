package exercise11.harness.platform;

import exercise11.harness.Bounds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Find out, with sockets of the kit's own (never the student's code), whether this machine's loopback behaves as each
 * {@link Behaviour} says. Each behaviour is probed once per JVM, the first time a check asks, and the finding kept.
 *
 * <p>A probe calls a behaviour absent only on evidence that the machine went on working meanwhile: a broadcast is
 * missing only when a unicast sent after it arrived, and an ICMP answer only after the kit's generous bound for a
 * datagram ({@link Bounds#datagram()}), twice. A slow or loaded machine therefore reads as slow, never as a machine
 * without the behaviour; where the probe cannot tell, the behaviour counts as present and the checks decide.
 */
public final class Probe {

    private static final Map<Behaviour, Finding> FOUND = new EnumMap<>(Behaviour.class);
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
    private static final InetAddress BROADCAST = literal("127.255.255.255");
    private static final InetAddress ANY = literal("0.0.0.0");
    /** The lesson's CLIENT_UDP_IPv4. */
    private static final InetAddress NETWORK = literal("127.0.0.0");
    private static final int TRIES = 2;
    private static final int MAX = 2048;

    private Probe() {
    }

    /**
     * Print a line for each behaviour this machine lacks, as {@link Finding#cannotGrade()} words it, and exit 3 if
     * there is one, else 0: how the grader probes where its checks will run (a sandbox container, say).
     */
    public static void main(String[] args) {
        List<Finding> absent = all().stream().filter(f -> !f.holds()).toList();
        absent.forEach(f -> System.out.println(f.cannotGrade()));
        System.exit(absent.isEmpty() ? 0 : 3);
    }

    /** What this machine does of {@code behaviour}, probed the first time it is asked for. */
    public static synchronized Finding of(Behaviour behaviour) {
        return FOUND.computeIfAbsent(behaviour, Probe::probe);
    }

    /** What this machine does of every behaviour. */
    public static List<Finding> all() {
        List<Finding> all = new ArrayList<>();
        for (Behaviour behaviour : Behaviour.values()) {
            all.add(of(behaviour));
        }
        return all;
    }

    /** The behaviours found absent so far, without probing the others. */
    public static synchronized List<Finding> absentSoFar() {
        return FOUND.values().stream().filter(f -> !f.holds()).toList();
    }

    private static Finding probe(Behaviour behaviour) {
        try {
            return switch (behaviour) {
                case LOOPBACK_BROADCAST -> broadcast();
                case PORT_UNREACHABLE -> portUnreachable();
                case BROADCAST_NEEDS_OPTION -> refusal();
                case WHOLE_LOOPBACK_NET -> wholeNet();
            };
        } catch (IOException e) {
            // The probe's own sockets failed for another reason: let the checks meet it and say what it is.
            return Finding.holds(behaviour, "the probe could not tell (" + e + ")");
        }
    }

    /** Send a broadcast, then a unicast to the same socket; the unicast's arrival proves the broadcast had its time. */
    private static Finding broadcast() throws IOException {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(ANY, 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
            sender.setBroadcast(true);
            int port = receiver.getLocalPort();
            boolean unicastArrived = false;
            for (int attempt = 0; attempt < TRIES; attempt++) {
                try {
                    send(sender, "exercise11 probe: broadcast", new InetSocketAddress(BROADCAST, port));
                } catch (IOException e) {
                    return Finding.absent(Behaviour.LOOPBACK_BROADCAST, "sending to 127.255.255.255 with SO_BROADCAST on"
                            + " fails here (" + e.getMessage() + ")");
                }
                send(sender, "exercise11 probe: unicast", new InetSocketAddress(LOCALHOST, port));
                Set<String> arrived = awaitBoth(receiver, "exercise11 probe: broadcast", "exercise11 probe: unicast");
                if (arrived.contains("exercise11 probe: broadcast")) {
                    return Finding.holds(Behaviour.LOOPBACK_BROADCAST, "a datagram sent to 127.255.255.255 arrived");
                }
                unicastArrived |= arrived.contains("exercise11 probe: unicast");
            }
            return unicastArrived
                    ? Finding.absent(Behaviour.LOOPBACK_BROADCAST, "a datagram sent to 127.255.255.255 never reached a"
                            + " socket bound to 0.0.0.0, while one sent to 127.0.0.1 after it did")
                    : Finding.holds(Behaviour.LOOPBACK_BROADCAST, "nothing arrived at all, not even from 127.0.0.1");
        }
    }

    /**
     * Receive until {@code second} has arrived and then a moment of silence has passed, or until the bound for a
     * datagram; return the payloads seen. Loopback may deliver two datagrams out of order, hence the silence.
     */
    private static Set<String> awaitBoth(DatagramSocket socket, String first, String second) throws IOException {
        Set<String> seen = new HashSet<>();
        long end = System.nanoTime() + Bounds.datagram().toNanos();
        DatagramPacket packet = new DatagramPacket(new byte[MAX], MAX);
        while (!seen.contains(first)) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            seen.add(new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8));
            if (seen.contains(second)) {
                end = Math.min(end, System.nanoTime() + Bounds.silence().toNanos());
            }
        }
        return seen;
    }

    /** A connected socket must hear ICMP "port unreachable"; an unconnected one, sending the same, must not. */
    private static Finding portUnreachable() throws IOException {
        boolean heard = false;
        for (int attempt = 0; attempt < TRIES && !heard; attempt++) {
            try (DatagramSocket connected = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
                heard = hearsPortUnreachable(connected, nobody());
            }
        }
        if (!heard) {
            return Finding.absent(Behaviour.PORT_UNREACHABLE, "no ICMP 'port unreachable' came back to a connected socket"
                    + " in " + TRIES + " tries of " + Bounds.datagram().toMillis() + " ms each: something drops ICMP on"
                    + " loopback (a firewall?)");
        }
        try (DatagramSocket unconnected = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
             DatagramSocket connected = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
            InetSocketAddress nobody = nobody();
            send(unconnected, "exercise11 probe: to nobody", nobody);
            if (!hearsPortUnreachable(connected, nobody)) {
                return Finding.holds(Behaviour.PORT_UNREACHABLE, "the second ICMP answer did not come: the probe cannot tell");
            }
            // By now the ICMP answer to the unconnected socket's datagram has come back too.
            try {
                send(unconnected, "exercise11 probe: again", nobody);
                send(peer, "exercise11 probe: from a peer", new InetSocketAddress(LOCALHOST, unconnected.getLocalPort()));
                unconnected.setSoTimeout((int) Bounds.datagram().toMillis());
                unconnected.receive(new DatagramPacket(new byte[MAX], MAX));
            } catch (PortUnreachableException e) {
                return Finding.absent(Behaviour.PORT_UNREACHABLE, "an unconnected socket is told of ICMP 'port"
                        + " unreachable' too (" + e.getMessage() + ")");
            } catch (SocketTimeoutException e) {
                return Finding.holds(Behaviour.PORT_UNREACHABLE, "a peer's datagram did not come: the probe cannot tell");
            }
            return Finding.holds(Behaviour.PORT_UNREACHABLE, "a connected socket heard ICMP 'port unreachable', an"
                    + " unconnected one did not");
        }
    }

    private static boolean hearsPortUnreachable(DatagramSocket connected, InetSocketAddress nobody) throws IOException {
        connected.connect(nobody);
        connected.setSoTimeout((int) Bounds.datagram().toMillis());
        byte[] bytes = "exercise11 probe: anyone?".getBytes(StandardCharsets.UTF_8);
        try {
            connected.send(new DatagramPacket(bytes, bytes.length));
            connected.receive(new DatagramPacket(new byte[MAX], MAX));
            return false; // something answered from that port after all
        } catch (PortUnreachableException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** A channel starts with SO_BROADCAST off: its datagram to 127.255.255.255 must be refused. */
    private static Finding refusal() throws IOException {
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramSocket target = new DatagramSocket(new InetSocketAddress(ANY, 0))) {
            channel.setOption(StandardSocketOptions.SO_BROADCAST, false);
            try {
                channel.send(ByteBuffer.wrap("exercise11 probe".getBytes(StandardCharsets.UTF_8)),
                        new InetSocketAddress(BROADCAST, target.getLocalPort()));
            } catch (SocketException e) {
                return Finding.holds(Behaviour.BROADCAST_NEEDS_OPTION, "refused (" + e.getMessage() + ")");
            }
            return Finding.absent(Behaviour.BROADCAST_NEEDS_OPTION, "a socket with SO_BROADCAST off sent a datagram to"
                    + " 127.255.255.255 without being refused");
        }
    }

    /** The lesson's CLIENT_UDP_IPv4, 127.0.0.0, must be an address a socket can bind. */
    private static Finding wholeNet() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(NETWORK, 0))) {
            return Finding.holds(Behaviour.WHOLE_LOOPBACK_NET, "127.0.0.0 could be bound");
        } catch (BindException e) {
            return Finding.absent(Behaviour.WHOLE_LOOPBACK_NET, "127.0.0.0 cannot be bound here (" + e.getMessage()
                    + "): not all of 127.0.0.0/8 is this machine's");
        } catch (SocketException e) {
            return Finding.holds(Behaviour.WHOLE_LOOPBACK_NET, "the probe could not tell (" + e + ")");
        }
    }

    private static InetSocketAddress nobody() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
            return new InetSocketAddress(LOCALHOST, socket.getLocalPort());
        }
    }

    private static void send(DatagramSocket socket, String text, InetSocketAddress target) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: no name lookup
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
