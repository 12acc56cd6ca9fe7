package exercise11.checks;

import static exercise11.harness.Generators.quoted;
import static exercise11.harness.Generators.utf8TextOfBytes;
import static exercise11.harness.Generators.utf8TextUpTo;
import static exercise11.harness.Loopback.endpointOf;

import exercise11.UdpClient;
import exercise11.UdpServer;
import exercise11.harness.Loopback;
import exercise11.harness.Needs;
import exercise11.harness.PropertyChecks;
import exercise11.harness.Shown;
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
import org.opentest4j.AssertionFailedError;
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
            Arrived arrived = throughSockets(text);
            if (!text.equals(arrived.decoded())) {
                throw new AssertionFailedError(culprit(text, text.getBytes(StandardCharsets.UTF_8), arrived) + " sendOnce("
                        + quoted(text) + ") arrived as " + Shown.texts(text, arrived.decoded()) + ".");
            }
        });
    }

    @Test
    @DisplayName("arrives cut to its first 1024 bytes when its UTF-8 is longer")
    void longerTextArrivesCutTo1024Bytes() {
        Gen<String> longText = utf8TextOfBytes(Loopback.LESSON_BUFFER, 4 * Loopback.LESSON_BUFFER);
        PropertyChecks.forAll(100, longText, text -> {
            byte[] first1024 = Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), Loopback.LESSON_BUFFER);
            String expected = new String(first1024, StandardCharsets.UTF_8);
            Arrived arrived = throughSockets(text);
            if (!expected.equals(arrived.decoded())) {
                throw new AssertionFailedError(culprit(text, first1024, arrived) + " A text of "
                        + text.getBytes(StandardCharsets.UTF_8).length + " UTF-8 bytes should arrive as its first 1024 bytes,"
                        + " decoded (a character cut in two becomes U+FFFD): " + Shown.texts(expected, arrived.decoded()) + ".");
            }
        });
    }

    /** What the server's code made of a datagram: the bytes receive returned, and the text decode gave. */
    private record Arrived(byte[] bytes, String decoded) {
    }

    /** Send {@code text} with the client's code to a fresh server socket and return what the server's code received. */
    private static Arrived throughSockets(String text) {
        try (DatagramSocket server = UdpServer.openSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
            server.setSoTimeout(Loopback.RECEIVE_TIMEOUT_MS);
            UdpClient.sendOnce(endpointOf(server), text);
            DatagramPacket packet = UdpServer.receive(server);
            return new Arrived(Loopback.payload(packet), String.valueOf(UdpServer.decode(packet)));
        } catch (IOException e) {
            throw new UncheckedIOException("sending " + quoted(text) + " through the sockets failed: " + e, e);
        }
    }

    /**
     * The one TODO to look at when {@code text} arrived wrong, in words: encode (TODO 2) if it is not UTF-8; else
     * sendOnce (TODO 4) or receive (TODO 6) if the bytes received are not {@code kept}, by what reaches a socket of
     * the check's own; else decode (TODO 7).
     */
    private static String culprit(String text, byte[] kept, Arrived arrived) {
        if (!ClientCulprits.encodesAsUtf8(text).orElse(true)) {
            return "TODO 2: encode does not give the text's UTF-8 bytes.";
        }
        if (!Arrays.equals(kept, arrived.bytes())) {
            byte[] sent = sentToACheckSocket(text);
            return sent != null && !Arrays.equals(text.getBytes(StandardCharsets.UTF_8), sent)
                    ? "TODO 4: sendOnce puts other bytes on the wire than encode(text): " + Shown.bytes(text.getBytes(
                            StandardCharsets.UTF_8), sent) + "."
                    : "TODO 6: receive returned other bytes than the datagram's (its first 1024): " + Shown.bytes(kept,
                            arrived.bytes()) + ".";
        }
        return "TODO 7: decode the bytes received, " + Shown.bytes(kept) + ", as UTF-8: getLength() bytes from getOffset().";
    }

    /** The bytes sendOnce puts on the wire for {@code text}, as a socket of the check's own receives them; null if none. */
    private static byte[] sentToACheckSocket(String text) {
        try (DatagramSocket socket = Loopback.receiver()) {
            UdpClient.sendOnce(endpointOf(socket), text);
            return Loopback.payload(Loopback.awaitDatagram(socket, "TODO 4: sendOnce sent nothing."));
        } catch (IOException | RuntimeException | AssertionError e) {
            return null;
        }
    }
}
