package exercise11.checks;

import static exercise11.harness.Loopback.awaitDatagram;
import static exercise11.harness.Loopback.endpointOf;
import static exercise11.harness.Loopback.payload;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.UdpClient;
import exercise11.harness.Loopback;
import exercise11.harness.Shown;
import exercise11.harness.platform.Behaviour;
import exercise11.harness.platform.RestsOn;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@DisplayName("UdpClient")
@Order(2)
class UdpClientTests {

    @Nested
    @Tag("todo-2")
    @DisplayName("encode (TODO 2)")
    class Encode {

        @Test
        @DisplayName("gives the UTF-8 bytes of text outside ASCII, whatever the platform charset")
        void encodesAsUtf8() {
            String text = "ATU café ✓ 😀";
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            byte[] actual = UdpClient.encode(text);
            assertTrue(Arrays.equals(expected, actual), () -> "TODO 2: name the charset, StandardCharsets.UTF_8; getBytes()"
                    + " without it uses the platform's default. encode(\"" + text + "\") should give its UTF-8 bytes: "
                    + Shown.bytes(expected, actual) + ".");
        }
    }

    @Nested
    @Tag("todo-3")
    @DisplayName("openBroadcastSocket (TODO 3)")
    class OpenBroadcastSocket {

        @Test
        @DisplayName("returns an open socket with SO_BROADCAST switched on")
        void switchesBroadcastOn() throws Exception {
            try (DatagramSocket socket = UdpClient.openBroadcastSocket()) {
                assertFalse(socket.isClosed(), "TODO 3: openBroadcastSocket() returned a closed socket; the caller closes it.");
                assertTrue(socket.getBroadcast(), "TODO 3: the socket's SO_BROADCAST option is off; switch it on with"
                        + " setBroadcast(true), as the lesson's setsockopt(SOL_SOCKET, SO_BROADCAST, 1) does.");
            }
        }

        @Test
        @DisplayName("returns a new socket at every call")
        void returnsANewSocketEachTime() throws Exception {
            try (DatagramSocket first = UdpClient.openBroadcastSocket();
                 DatagramSocket second = UdpClient.openBroadcastSocket()) {
                assertNotEquals(first, second, "TODO 3: openBroadcastSocket() must create a new socket each time it is called.");
            }
        }

        @Test
        @DisplayName("leaves the source address and port to the system: binds to no address or port of its own")
        void leavesTheSourceToTheSystem() throws Exception {
            DatagramSocket opened;
            try {
                opened = UdpClient.openBroadcastSocket();
            } catch (BindException e) {
                throw new AssertionFailedError("TODO 3: openBroadcastSocket() failed with " + e + ": it binds to an address"
                        + " or port chosen in the code, which another socket holds. Let the system pick a free port for"
                        + " every socket (new DatagramSocket()).", e);
            }
            try (DatagramSocket first = opened) {
                if (first.isBound()) {
                    assertTrue(first.getLocalAddress().isAnyLocalAddress(), () -> "TODO 3: openBroadcastSocket() returned a"
                            + " socket bound to " + first.getLocalAddress().getHostAddress() + ":" + first.getLocalPort()
                            + ". Leave the source address to the system: new DatagramSocket() binds to the wildcard address"
                            + " 0.0.0.0 and a free port, and the kernel picks the source of each datagram, as the lesson's"
                            + " client does; CLIENT_UDP_IPv4 (127.0.0.0) is loaded but never bound to.");
                }
                DatagramSocket second;
                try {
                    second = UdpClient.openBroadcastSocket();
                } catch (BindException e) {
                    throw new AssertionFailedError("TODO 3: a second openBroadcastSocket(), while the first socket is still"
                            + " open, failed with " + e + ": the first holds port " + first.getLocalPort() + ", a port"
                            + " chosen in the code. Let the system pick a free port for every socket (new DatagramSocket()).", e);
                }
                try (second) {
                    assertTrue(!first.isBound() || !second.isBound() || first.getLocalPort() != second.getLocalPort(),
                            () -> "TODO 3: two sockets from openBroadcastSocket(), open at once, share port "
                                    + first.getLocalPort() + ": a port chosen in the code (with SO_REUSEADDR). Let the"
                                    + " system pick a free port for every socket (new DatagramSocket()).");
                }
            }
        }
    }

    @Nested
    @Tag("todo-2")
    @Tag("todo-3")
    @Tag("todo-4")
    @DisplayName("sendOnce (TODO 4)")
    class SendOnce {

        @Test
        @DisplayName("sends the text's UTF-8 bytes as one datagram to the server's address")
        void sendsOneDatagramWithTheUtf8Text() throws Exception {
            try (DatagramSocket server = Loopback.receiver()) {
                String text = "ATU 2026-11-23 19:05:07.578088 ü";
                UdpClient.sendOnce(endpointOf(server), text);
                DatagramPacket packet = awaitDatagram(server, "TODO 4: sendOnce must send one datagram to the address it is given.");
                byte[] received = payload(packet);
                byte[] expected = text.getBytes(StandardCharsets.UTF_8);
                assertTrue(Arrays.equals(expected, received), () -> (ClientCulprits.encodesAsUtf8(text).orElse(true)
                        ? "TODO 4: sendOnce(127.0.0.1:" + server.getLocalPort() + ", \"" + text + "\") should put the text's"
                        + " UTF-8 bytes on the wire: " + Shown.bytes(expected, received) + ". Send all of encode(text): the"
                        + " packet's length is the number of bytes, not of characters."
                        : "TODO 2: sendOnce(127.0.0.1:" + server.getLocalPort() + ", \"" + text + "\") put other bytes than"
                        + " the text's UTF-8 on the wire (" + Shown.bytes(expected, received) + "), because encode does:"
                        + " name the charset, StandardCharsets.UTF_8."));
                assertEquals(Loopback.LOCALHOST, packet.getAddress(), () -> "The datagram came from "
                        + packet.getAddress().getHostAddress() + ", not 127.0.0.1. " + source());
            }
        }

        @Test
        @DisplayName("sends an empty text as one empty datagram")
        void sendsAnEmptyTextAsAnEmptyDatagram() throws Exception {
            try (DatagramSocket server = Loopback.receiver()) {
                UdpClient.sendOnce(endpointOf(server), "");
                DatagramPacket packet = awaitDatagram(server, "TODO 4: sendOnce(server, \"\") should still send one datagram, of"
                        + " 0 bytes. Address the packet to the server and send it from an unconnected socket: on some JDKs"
                        + " (17 among them) a connected DatagramSocket silently drops an empty datagram.");
                assertEquals(0, packet.getLength(), "TODO 4: an empty text is a datagram of 0 bytes.");
            }
        }

        @Test
        @DisplayName("sends each datagram from a new socket, so from a new source port")
        void usesAFreshSocketPerDatagram() throws Exception {
            try (DatagramSocket server = Loopback.receiver()) {
                java.util.Set<Integer> ports = new java.util.TreeSet<>();
                for (String text : List.of("first", "second", "third")) {
                    UdpClient.sendOnce(endpointOf(server), text);
                    ports.add(awaitDatagram(server, "TODO 4: the datagram '" + text + "' never arrived.").getPort());
                }
                // Linux picks each new socket's port at random, so a fresh socket may by chance get a port again;
                // three datagrams from one single port is what a reused socket gives.
                assertTrue(ports.size() > 1, () -> "All three datagrams came from source port " + ports + ". "
                        + ClientCulprits.chosenBinding().map(how -> "TODO 3: openBroadcastSocket() returns a socket " + how
                                + "; let the system pick a free port for every socket (new DatagramSocket()).")
                        .orElse("TODO 4: like the lesson's client, open a new socket for every datagram (and close it)."));
            }
        }

        @Test
        @DisplayName("closes the socket it sent from: its port is free again when sendOnce returns")
        void closesTheSocketItSentFrom() throws Exception {
            try (DatagramSocket server = Loopback.receiver()) {
                for (int i = 1; i <= 3; i++) {
                    UdpClient.sendOnce(endpointOf(server), "ATU " + i);
                    int port = awaitDatagram(server, "TODO 4: sendOnce must send one datagram to the address it is given.").getPort();
                    int sent = i;
                    assertTrue(Loopback.portIsFree(port), () -> "sendOnce returned, but the socket that sent datagram " + sent
                            + " still holds port " + port + ": it was never closed. TODO 4: close the socket after sending"
                            + " (open it in try-with-resources); a client that sends once a second would leak a socket a second.");
                }
            }
        }

        @Test
        @DisplayName("succeeds with nobody listening, as the lesson's client does")
        void sendsWithNobodyListening() throws Exception {
            InetSocketAddress nobody = new InetSocketAddress(Loopback.LOCALHOST, Loopback.unusedPort());
            for (int i = 0; i < 3; i++) {
                String text = "ATU into the void " + i;
                assertDoesNotThrow(() -> UdpClient.sendOnce(nobody, text), "sendOnce to 127.0.0.1:" + nobody.getPort()
                        + ", where nothing listens, threw. TODO 4: an unconnected UDP socket never hears that nobody is there.");
            }
        }

        @Test
        @RestsOn(Behaviour.LOOPBACK_BROADCAST)
        @DisplayName("reaches a wildcard-bound socket through 127.255.255.255, which needs SO_BROADCAST")
        void sendsToTheLoopbackBroadcastAddress() throws Exception {
            try (DatagramSocket everywhere = Loopback.receiver(Loopback.ANY)) {
                InetSocketAddress broadcast = new InetSocketAddress(Loopback.BROADCAST, everywhere.getLocalPort());
                assertDoesNotThrow(() -> UdpClient.sendOnce(broadcast, "ATU broadcast"), () -> "Sending to 127.255.255.255"
                        + " was refused. " + (ClientCulprits.broadcastOn().orElse(false)
                        ? "TODO 4: send from the socket openBroadcastSocket() returns, which has SO_BROADCAST on; a socket"
                        + " of sendOnce's own needs SO_BROADCAST too"
                        : "TODO 3: the sending socket needs SO_BROADCAST on (setBroadcast(true) in openBroadcastSocket)")
                        + ", else the kernel says 'Permission denied'.");
                byte[] received = payload(awaitDatagram(everywhere, "TODO 4: nothing sent to 127.255.255.255 arrived."));
                Shown.assertSameText("ATU broadcast", new String(received, StandardCharsets.UTF_8),
                        "TODO 4: the broadcast datagram arrived with other content.");
            }
        }
    }

    /**
     * Where to look when a datagram of sendOnce came from another address than 127.0.0.1: TODO 3 when
     * openBroadcastSocket() binds to an address of its own, else TODO 4 (sendOnce sends from a socket of its own).
     */
    static String source() {
        return ClientCulprits.chosenBinding().map(how -> "TODO 3: openBroadcastSocket() returns a socket " + how + "; leave it"
                        + " unbound (new DatagramSocket())")
                .orElse("TODO 4: send from the socket openBroadcastSocket() returns, unbound, not from one bound to an"
                        + " address of sendOnce's own")
                + ", so that the kernel picks the source address, as the lesson's client does; CLIENT_UDP_IPv4 (127.0.0.0)"
                + " is loaded but never bound to.";
    }
}
