package exercise11.checks;

import exercise11.UdpClient;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Questions a check asks the submission's client's methods once it has failed, so that its message names the one TODO at
 * fault rather than every TODO it needs. Each answers empty when it cannot tell (a method still a stub, an exception),
 * and never makes the asking check pending or fail in its place. The client's and the server's questions are files of
 * their own, so that a submission that changed one side's signatures loses only the checks of that side.
 */
final class ClientCulprits {

    private ClientCulprits() {
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
}
