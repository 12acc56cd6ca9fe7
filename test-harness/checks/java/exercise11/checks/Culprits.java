package exercise11.checks;

import exercise11.UdpClient;
import exercise11.UdpServer;
import exercise11.harness.Shown;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Questions a check asks the submission's smaller methods once it has failed, so that its message names the one TODO
 * at fault rather than every TODO it needs: is the client's socket bound to an address of its own (TODO 3), does
 * {@code encode} give UTF-8 (TODO 2), does {@code decode} give the text (TODO 7)? Each answers empty when it cannot
 * tell (a method still a stub, an exception), and never makes the asking check pending or fail in its place.
 */
final class Culprits {

    private Culprits() {
    }

    /**
     * How a socket from {@code openBroadcastSocket()} is bound to an address or port chosen in the code, in words
     * ({@code "bound to 127.0.0.0:41234"}); empty when it leaves both to the system, or when that cannot be told.
     */
    static Optional<String> chosenBinding() {
        try (DatagramSocket first = UdpClient.openBroadcastSocket()) {
            if (!first.isBound()) {
                return Optional.empty();
            }
            if (!first.getLocalAddress().isAnyLocalAddress()) {
                return Optional.of("bound to " + first.getLocalAddress().getHostAddress() + ":" + first.getLocalPort());
            }
            try (DatagramSocket second = UdpClient.openBroadcastSocket()) {
                return second.getLocalPort() == first.getLocalPort()
                        ? Optional.of("bound to port " + first.getLocalPort() + ", the same for every socket")
                        : Optional.empty();
            } catch (BindException e) {
                return Optional.of("bound to port " + first.getLocalPort() + ", chosen in the code (a second socket could"
                        + " not have it too: " + e.getMessage() + ")");
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code encode(text)} gives the text's UTF-8 bytes; empty when it cannot be told (a stub, an exception). */
    static Optional<Boolean> encodesAsUtf8(String text) {
        try {
            return Optional.of(Arrays.equals(text.getBytes(StandardCharsets.UTF_8), UdpClient.encode(text)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a socket from {@code openBroadcastSocket()} has SO_BROADCAST on; empty when that cannot be told. */
    static Optional<Boolean> broadcastOn() {
        try (DatagramSocket socket = UdpClient.openBroadcastSocket()) {
            return Optional.of(socket.getBroadcast());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * What {@code decode} gives for {@code bytes} received as {@code receive} receives them (at the start of a
     * 1024-byte buffer); empty when it cannot be told.
     */
    static Optional<String> decodedAsReceived(byte[] bytes) {
        try {
            byte[] buffer = new byte[Math.max(bytes.length, 1024)];
            System.arraycopy(bytes, 0, buffer, 0, bytes.length);
            return Optional.ofNullable(UdpServer.decode(new DatagramPacket(buffer, 0, bytes.length)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What {@code formatLine} gives for {@code source} and {@code text}; empty when it cannot be told. */
    static Optional<String> formatted(InetSocketAddress source, String text) {
        try {
            return Optional.ofNullable(UdpServer.formatLine(source, text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Which of decode (TODO 7), formatLine (TODO 8) and serve (TODO 9) to blame when serve printed another line than
     * {@code expected} for the datagram {@code text} from {@code source}: the first of decode and formatLine that
     * gets it wrong by itself, else serve. Returns its words: {@code TODO 7: decode gives ...}.
     */
    static String servedLine(InetSocketAddress source, String text, String expected) {
        Optional<String> decoded = decodedAsReceived(text.getBytes(StandardCharsets.UTF_8));
        if (decoded.isPresent() && !decoded.get().equals(text)) {
            return "TODO 7: decode gives " + Shown.texts(text, decoded.get()) + " for the datagram's"
                    + " bytes; decode only getLength() bytes from getOffset(), as UTF-8.";
        }
        Optional<String> line = formatted(source, text);
        if (line.isPresent() && !line.get().equals(expected)) {
            return "TODO 8: formatLine gives " + Shown.texts(expected, line.get()) + ".";
        }
        return "TODO 9: for each datagram print formatLine(sender, decoded text), one line each, with the text exactly as"
                + " it arrived (no trim: spaces and tabs around it stay).";
    }
}
