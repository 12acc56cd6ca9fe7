package exercise11.checks;

import exercise11.UdpServer;
import exercise11.harness.Shown;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Questions a check asks the submission's server's methods once it has failed, so that its message names the one TODO at
 * fault rather than every TODO it needs. Each answers empty when it cannot tell (a method still a stub, an exception),
 * and never makes the asking check pending or fail in its place. The client's and the server's questions are files of
 * their own, so that a submission that changed one side's signatures loses only the checks of that side.
 */
final class ServerCulprits {

    private ServerCulprits() {
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
