package exercise11.checks;

import static exercise11.harness.Loopback.RECEIVE_TIMEOUT_MS;
import static exercise11.harness.Loopback.awaitDatagram;
import static exercise11.harness.Loopback.endpointOf;
import static exercise11.harness.Loopback.payload;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.Cli;
import exercise11.Settings;
import exercise11.UdpClient;
import exercise11.UdpServer;
import exercise11.harness.Bounds;
import exercise11.harness.Loopback;
import exercise11.harness.Needs;
import exercise11.harness.platform.Behaviour;
import exercise11.harness.platform.RestsOn;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The answers to the lesson's questions, each shown on loopback. docs/instructor-guide.md names these checks
 * beside the claims they back, so a claim that stops being true on some machine fails here first.
 */
@DisplayName("The lesson, shown on loopback")
@Order(10)
class LessonTests {

    /** How long a check listens to call it silence (a loopback datagram arrives in microseconds). */
    private static final int SHORT_WAIT_MS = (int) Bounds.silence().toMillis();

    @Nested
    @Tag("todo-3")
    @Needs(UdpClientTests.OpenBroadcastSocket.class)
    @DisplayName("why the client 'works' with nobody listening (TODO 3)")
    class NobodyListening {

        @Test
        @RestsOn(Behaviour.PORT_UNREACHABLE)
        @DisplayName("a connected socket is told: ICMP 'port unreachable' comes back as a PortUnreachableException on its next call")
        void connectedSocketHearsPortUnreachable() throws Exception {
            InetSocketAddress nobody = nobody();
            try (DatagramSocket socket = UdpClient.openBroadcastSocket()) {
                socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
                socket.connect(nobody);
                assertDoesNotThrow(() -> send(socket, "ATU anyone there?"), "The send itself must succeed: the kernel"
                        + " takes the datagram and asks nobody first. TODO 3: return a plain new DatagramSocket.");
                expectPortUnreachable(socket, nobody);
            }
        }

        @Test
        @RestsOn(Behaviour.PORT_UNREACHABLE)
        @DisplayName("an unconnected socket, like the lesson's, is never told: the same ICMP message is dropped")
        void unconnectedSocketIsNeverTold() throws Exception {
            InetSocketAddress nobody = nobody();
            try (DatagramSocket unconnected = UdpClient.openBroadcastSocket();
                 DatagramSocket connected = UdpClient.openBroadcastSocket();
                 DatagramSocket peer = Loopback.receiver()) {
                unconnected.setSoTimeout(RECEIVE_TIMEOUT_MS);
                connected.setSoTimeout(RECEIVE_TIMEOUT_MS);
                assertDoesNotThrow(() -> unconnected.send(datagram("ATU into the void", nobody)),
                        "TODO 3: an unconnected socket's send to a port where nothing listens must succeed.");
                // The same kind of datagram from a connected socket, sent after the first: once its error has come
                // back, the ICMP answer to the unconnected socket's datagram has come back too.
                connected.connect(nobody);
                send(connected, "ATU into the void, connected");
                expectPortUnreachable(connected, nobody);
                // The unconnected socket's next call goes through as if nothing had happened.
                assertDoesNotThrow(() -> unconnected.send(datagram("ATU again", nobody)), "The unconnected socket"
                        + " heard of the ICMP error on its next send; the lesson's client relies on never hearing of it.");
                InetAddress local = unconnected.getLocalAddress();
                InetSocketAddress unconnectedAt = new InetSocketAddress(
                        local.isAnyLocalAddress() ? Loopback.LOCALHOST : local, unconnected.getLocalPort());
                send(peer, "a datagram from a live peer", unconnectedAt);
                DatagramPacket next = new DatagramPacket(new byte[Loopback.MAX_DATAGRAM], Loopback.MAX_DATAGRAM);
                try {
                    unconnected.receive(next);
                } catch (PortUnreachableException e) {
                    throw new AssertionFailedError("The unconnected socket was told of the ICMP error after all: its"
                            + " receive threw " + e + " instead of returning the live peer's datagram.", e);
                } catch (SocketTimeoutException e) {
                    throw new AssertionFailedError("A datagram sent to " + unconnectedAt + ", where the socket from"
                            + " openBroadcastSocket() is bound, never arrived. TODO 3: return a plain new DatagramSocket().", e);
                }
                assertEquals("a datagram from a live peer", new String(payload(next), StandardCharsets.UTF_8),
                        "The unconnected socket's next receive should return the live peer's datagram.");
            }
        }

        @Test
        @RestsOn(Behaviour.PORT_UNREACHABLE)
        @DisplayName("a datagram to the broadcast address 127.255.255.255 gets no ICMP answer, even with nobody listening")
        void broadcastGetsNoIcmpAnswer() throws Exception {
            int port = Loopback.unusedPort();
            try (DatagramSocket toBroadcast = UdpClient.openBroadcastSocket();
                 DatagramSocket toUnicast = UdpClient.openBroadcastSocket()) {
                toBroadcast.connect(new InetSocketAddress(Loopback.BROADCAST, port));
                send(toBroadcast, "ATU to everyone, nobody home");
                toUnicast.setSoTimeout(RECEIVE_TIMEOUT_MS);
                toUnicast.connect(new InetSocketAddress(Loopback.LOCALHOST, port));
                send(toUnicast, "ATU to 127.0.0.1, nobody home");
                expectPortUnreachable(toUnicast, new InetSocketAddress(Loopback.LOCALHOST, port));
                // ICMP flows on this machine (just shown), yet none comes back for the broadcast datagram.
                toBroadcast.setSoTimeout(SHORT_WAIT_MS);
                assertThrows(SocketTimeoutException.class, () -> toBroadcast.receive(new DatagramPacket(new byte[16], 16)),
                        "A socket connected to 127.255.255.255:" + port + " should hear nothing back: hosts never answer"
                        + " a broadcast datagram with an ICMP error (RFC 1122, 3.2.2).");
            }
        }
    }

    @Nested
    @Tag("todo-3")
    @Needs(UdpClientTests.OpenBroadcastSocket.class)
    @DisplayName("what SO_BROADCAST allows (TODO 3)")
    class Broadcast {

        @Test
        @RestsOn({Behaviour.LOOPBACK_BROADCAST, Behaviour.BROADCAST_NEEDS_OPTION})
        @DisplayName("with SO_BROADCAST a socket may send to 127.255.255.255; with it off the kernel refuses")
        void broadcastNeedsTheOption() throws Exception {
            try (DatagramSocket socket = UdpClient.openBroadcastSocket();
                 DatagramSocket everywhere = Loopback.receiver(Loopback.ANY)) {
                InetSocketAddress broadcast = new InetSocketAddress(Loopback.BROADCAST, everywhere.getLocalPort());
                assertDoesNotThrow(() -> socket.send(datagram("ATU broadcast", broadcast)), "A socket from"
                        + " openBroadcastSocket() was refused 127.255.255.255. TODO 3: switch SO_BROADCAST on (setBroadcast(true)).");
                byte[] received = payload(awaitDatagram(everywhere, "TODO 3: the datagram sent to 127.255.255.255 never arrived."));
                assertEquals("ATU broadcast", new String(received, StandardCharsets.UTF_8),
                        "TODO 3: the datagram sent to 127.255.255.255 arrived changed.");
                socket.setBroadcast(false);
                assertThrows(SocketException.class, () -> socket.send(datagram("ATU again", broadcast)), "With SO_BROADCAST"
                        + " off the kernel should refuse a datagram to 127.255.255.255 (on Linux: 'Permission denied').");
            }
        }

        @Test
        @RestsOn(Behaviour.LOOPBACK_BROADCAST)
        @DisplayName("receiving a broadcast needs no SO_BROADCAST: only the sender needs it")
        void receivingNeedsNoBroadcastOption() throws Exception {
            try (DatagramChannel plain = DatagramChannel.open(StandardProtocolFamily.INET);
                 DatagramSocket sender = UdpClient.openBroadcastSocket()) {
                plain.bind(new InetSocketAddress(Loopback.ANY, 0));
                assertFalse(plain.getOption(StandardSocketOptions.SO_BROADCAST), "The receiving channel should keep the"
                        + " system's default, SO_BROADCAST off, for this check to show anything.");
                DatagramSocket receiver = plain.socket();
                receiver.setSoTimeout(RECEIVE_TIMEOUT_MS);
                int port = receiver.getLocalPort();
                sender.send(datagram("ATU to a receiver without SO_BROADCAST", new InetSocketAddress(Loopback.BROADCAST, port)));
                byte[] received = payload(awaitDatagram(receiver, "A socket bound to 0.0.0.0 with SO_BROADCAST off should"
                        + " still receive what is sent to 127.255.255.255. TODO 3: the sending socket needs SO_BROADCAST."));
                assertEquals("ATU to a receiver without SO_BROADCAST", new String(received, StandardCharsets.UTF_8));
            }
        }

        @Test
        @Tag("todo-5")
        @Needs(UdpServerTests.OpenSocket.class)
        @RestsOn(Behaviour.LOOPBACK_BROADCAST)
        @DisplayName("a server bound to 127.0.0.1 does not get broadcasts; only one bound to 0.0.0.0 does (TODO 5)")
        void serverBoundTo127001MissesBroadcasts() throws Exception {
            try (DatagramSocket server = UdpServer.openSocket(new InetSocketAddress(Loopback.LOCALHOST, 0));
                 DatagramSocket sender = UdpClient.openBroadcastSocket()) {
                server.setSoTimeout(RECEIVE_TIMEOUT_MS);
                int port = server.getLocalPort();
                sender.send(datagram("ATU broadcast", new InetSocketAddress(Loopback.BROADCAST, port)));
                sender.send(datagram("ATU unicast", new InetSocketAddress(Loopback.LOCALHOST, port)));
                byte[] first = payload(awaitDatagram(server, "TODO 5: a datagram sent to 127.0.0.1:" + port
                        + " did not reach the socket openSocket bound there."));
                assertEquals("ATU unicast", new String(first, StandardCharsets.UTF_8), "A socket bound to 127.0.0.1 received"
                        + " a datagram sent to 127.255.255.255. TODO 5: bind to exactly the address given, not 0.0.0.0.");
                server.setSoTimeout(SHORT_WAIT_MS);
                assertThrows(SocketTimeoutException.class, () -> server.receive(new DatagramPacket(new byte[64], 64)),
                        "A socket bound to 127.0.0.1 should never get the datagram sent to 127.255.255.255."
                                + " TODO 5: bind to exactly the address given.");
            }
        }
    }

    @Nested
    @DisplayName("what Java and Linux do by themselves (no TODO)")
    class Given {

        @Test
        @DisplayName("Java's DatagramSocket starts with SO_BROADCAST on; a socket straight from the system starts with it off")
        void javaSwitchesBroadcastOnByItself() throws Exception {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(Loopback.LOCALHOST, 0));
                 DatagramChannel channel = DatagramChannel.open()) {
                assertTrue(socket.getBroadcast(), "This JDK creates DatagramSockets with SO_BROADCAST off, unlike JDK 17 and 25;"
                        + " docs/instructor-guide.md says otherwise and needs updating (tell your instructor).");
                assertFalse(channel.getOption(StandardSocketOptions.SO_BROADCAST), "A DatagramChannel keeps the"
                        + " system's default, which is SO_BROADCAST off; this one has it on.");
            }
        }

        @Test
        @RestsOn(Behaviour.WHOLE_LOOPBACK_NET)
        @DisplayName("a client bound to CLIENT_UDP_IPv4 (127.0.0.0) would show as ('127.0.0.0', port) at the server")
        void clientAddressWouldShowIfBound() throws Exception {
            InetAddress clientAddress = Settings.load().clientAddress();
            try (DatagramSocket server = Loopback.receiver();
                 DatagramSocket client = new DatagramSocket(new InetSocketAddress(clientAddress, 0))) {
                client.send(datagram("ATU from 127.0.0.0", endpointOf(server)));
                DatagramPacket packet = awaitDatagram(server, "A socket bound to 127.0.0.0 could not reach 127.0.0.1.");
                assertEquals(clientAddress, packet.getAddress(), "A socket bound to " + clientAddress.getHostAddress()
                        + " should send from that address.");
            }
        }
    }

    @Nested
    @Tag("todo-2")
    @Tag("todo-3")
    @Tag("todo-4")
    @Needs(value = UdpClientTests.SendOnce.class, checks = "sendsOneDatagramWithTheUtf8Text")
    @DisplayName("where a datagram comes from (TODO 4)")
    class Source {

        @Test
        @DisplayName("the kernel picks the source address: 127.0.0.1, not CLIENT_UDP_IPv4, which is loaded but never used")
        void clientAddressIsNotUsed() throws Exception {
            Settings settings = Settings.load();
            assertEquals("127.0.0.0", settings.clientAddress().getHostAddress(),
                    "settings/udp.properties should keep the lesson's CLIENT_UDP_IPv4, 127.0.0.0.");
            try (DatagramSocket server = Loopback.receiver()) {
                UdpClient.sendOnce(endpointOf(server), "ATU where from?");
                DatagramPacket packet = awaitDatagram(server, "TODO 4: sendOnce must send one datagram to the address it is given.");
                assertEquals(Loopback.LOCALHOST, packet.getAddress(), () -> "The datagram came from "
                        + packet.getAddress().getHostAddress() + ". " + UdpClientTests.source());
            }
        }
    }

    @Nested
    @Tag("todo-5")
    @Needs(value = UdpServerTests.OpenSocket.class, checks = "bindsWithBroadcastOn")
    @DisplayName("why the port is 2323, not the lesson's 23 (TODO 5)")
    class PrivilegedPort {

        @Test
        @DisplayName("port 23 can be bound only with privilege (root, CAP_NET_BIND_SERVICE), and the refusal is explained")
        void port23NeedsPrivilege() throws IOException {
            boolean privileged = mayBindBelow1024();
            InetSocketAddress telnet = new InetSocketAddress(Loopback.LOCALHOST, 23);
            BindException refused;
            try (DatagramSocket socket = UdpServer.openSocket(telnet)) {
                assertEquals(23, socket.getLocalPort(), "openSocket(127.0.0.1:23) bound another port. TODO 5: bind to"
                        + " exactly the address given.");
                assertTrue(privileged, () -> "Port " + socket.getLocalPort() + " was bound by a process without"
                        + " CAP_NET_BIND_SERVICE, although net.ipv4.ip_unprivileged_port_start is above 23.");
                return; // root, as in CI: the bind is allowed, which is the other half of the rule
            } catch (BindException e) {
                refused = e;
            }
            String reason = String.valueOf(refused.getMessage());
            Assumptions.assumeFalse(reason.contains("in use"), "another program holds port 23; this check cannot tell");
            assertFalse(privileged, () -> "This process may bind low ports, yet binding 127.0.0.1:23 failed: " + reason
                    + ". TODO 5: bind to exactly the address given.");
            assertTrue(reason.contains("Permission denied"), () -> "Binding port 23 without privilege should fail with"
                    + " 'Permission denied'; it failed with: " + reason);
            String explained = Cli.explain(refused, telnet);
            assertTrue(explained.contains("privileged"), () -> "For this failure the server prints '" + explained
                    + "', which should say that ports below 1024 are privileged.");
        }
    }

    /** Tell from /proc whether this Linux process may bind port 23: CAP_NET_BIND_SERVICE, or a lowered threshold. */
    private static boolean mayBindBelow1024() throws IOException {
        Path threshold = Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start");
        Path status = Path.of("/proc/self/status");
        Assumptions.assumeTrue(Files.isReadable(threshold) && Files.isReadable(status),
                "not Linux: the rule for ports below 1024 is shown on Linux only");
        String firstUnprivileged;
        try (BufferedReader reader = Files.newBufferedReader(threshold)) {
            firstUnprivileged = reader.readLine(); // one large read: a sysctl file answers a small one with "1" of "1024"
        }
        if (Integer.parseInt(firstUnprivileged.trim()) <= 23) {
            return true; // Docker, for one, sets it to 0 inside containers
        }
        String effective = Files.readAllLines(status).stream().filter(l -> l.startsWith("CapEff:")).findFirst()
                .map(l -> l.substring("CapEff:".length()).trim()).orElse("0");
        long capNetBindService = 1L << 10;
        return (Long.parseUnsignedLong(effective, 16) & capNetBindService) != 0;
    }

    /** A port on 127.0.0.1 where nothing listens. */
    private static InetSocketAddress nobody() {
        return new InetSocketAddress(Loopback.LOCALHOST, Loopback.unusedPort());
    }

    private static DatagramPacket datagram(String text, InetSocketAddress target) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new DatagramPacket(bytes, bytes.length, target);
    }

    /** Send {@code text} on a connected socket. */
    private static void send(DatagramSocket connected, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        connected.send(new DatagramPacket(bytes, bytes.length));
    }

    private static void send(DatagramSocket socket, String text, InetSocketAddress target) throws IOException {
        socket.send(datagram(text, target));
    }

    /** Wait, with the socket's timeout, for the ICMP error that a connected socket hears after sending to nobody. */
    private static void expectPortUnreachable(DatagramSocket connected, InetSocketAddress nobody) throws IOException {
        DatagramPacket any = new DatagramPacket(new byte[Loopback.MAX_DATAGRAM], Loopback.MAX_DATAGRAM);
        try {
            connected.receive(any);
            throw new AssertionFailedError("A datagram arrived from " + any.getSocketAddress() + ", but nothing was"
                    + " supposed to listen on " + nobody + "; another program took that port. Run the checks again.");
        } catch (PortUnreachableException expected) {
            // The kernel passed on ICMP 'port unreachable' to the connected socket: the lesson's point.
        } catch (SocketTimeoutException e) {
            throw new AssertionFailedError("No ICMP 'port unreachable' came back within " + connected.getSoTimeout()
                    + " ms after sending to " + nobody.getAddress().getHostAddress() + ":" + nobody.getPort()
                    + ", where nothing listens. Something on this machine drops ICMP on loopback (a firewall rule?);"
                    + " this check cannot show the lesson here. Tell your instructor.");
        }
    }
}
