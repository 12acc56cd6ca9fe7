package exercise11.checks;

import static exercise11.harness.Generators.quoted;
import static exercise11.harness.Generators.utf8TextOfBytes;
import static exercise11.harness.Generators.utf8TextUpTo;
import static exercise11.harness.Loopback.endpointOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import exercise11.UdpClient;
import exercise11.UdpServer;
import exercise11.harness.Loopback;
import exercise11.harness.Needs;
import exercise11.harness.PropertyChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

@Tag("todo-2")
@Tag("todo-3")
@Tag("todo-4")
@Tag("todo-5")
@Tag("todo-6")
@Tag("todo-7")
@DisplayName("A payload through real sockets, client to server")
@Order(5)
@Needs({UdpClientTests.SendOnce.class, UdpServerTests.Receive.class, UdpServerTests.Decode.class})
class PayloadRoundTripProperties {

    @Test
    @DisplayName("arrives as the same text, for any text of at most 1024 UTF-8 bytes")
    void anyTextUpTo1024BytesArrivesUnchanged() {
        PropertyChecks.forAll(300, utf8TextUpTo(Loopback.LESSON_BUFFER), text -> {
            String received = throughSockets(text);
            assertEquals(text, received, () -> "sendOnce(" + quoted(text) + ") arrived as " + quoted(received)
                    + ". Check encode (TODO 2), receive (TODO 6) and decode (TODO 7): UTF-8 on both sides, and only the"
                    + " bytes received.");
        });
    }

    @Test
    @DisplayName("arrives cut to its first 1024 bytes when its UTF-8 is longer")
    void longerTextArrivesCutTo1024Bytes() {
        Gen<String> longText = utf8TextOfBytes(Loopback.LESSON_BUFFER, 4 * Loopback.LESSON_BUFFER);
        PropertyChecks.forAll(100, longText, text -> {
            byte[] first1024 = Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), Loopback.LESSON_BUFFER);
            String expected = new String(first1024, StandardCharsets.UTF_8);
            String received = throughSockets(text);
            assertEquals(expected, received, () -> "A text of " + text.getBytes(StandardCharsets.UTF_8).length
                    + " UTF-8 bytes should arrive as its first 1024 bytes, decoded (a character cut in two becomes U+FFFD)."
                    + " TODO 6: a 1024-byte buffer; TODO 7: decode getLength() bytes.");
        });
    }

    /** Send {@code text} with the client's code to a fresh server socket and return what the server's code decodes. */
    private static String throughSockets(String text) {
        try (DatagramSocket server = UdpServer.openSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
            server.setSoTimeout(Loopback.RECEIVE_TIMEOUT_MS);
            UdpClient.sendOnce(endpointOf(server), text);
            DatagramPacket packet = UdpServer.receive(server);
            return UdpServer.decode(packet);
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + quoted(text) + " through the sockets failed: " + e, e);
        }
    }
}
