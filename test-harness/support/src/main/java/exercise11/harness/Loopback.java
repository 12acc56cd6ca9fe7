package exercise11.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/** Sockets the checks use on their side of a conversation: loopback only, ephemeral ports, bounded waits. */
public final class Loopback {

    /** The loopback address, 127.0.0.1. */
    public static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
    /** The loopback network's broadcast address, which needs SO_BROADCAST to send to. */
    public static final InetAddress BROADCAST = address("127.255.255.255");
    /** The wildcard address, 0.0.0.0: a socket bound to it also receives broadcasts. */
    public static final InetAddress ANY = address("0.0.0.0");
    /**
     * The lesson's receive buffer, {@code recvfrom(1024)}. Checks use this number, not the exercise's own
     * {@code BUFFER_SIZE}, so that a submission that changes its constant cannot move the target with it.
     */
    public static final int LESSON_BUFFER = 1024;
    /** Largest payload of one UDP datagram over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;
    /** How long a check waits for a datagram on loopback before it calls it lost ({@link Bounds#datagram()}). */
    public static final int RECEIVE_TIMEOUT_MS = (int) Bounds.datagram().toMillis();

    private Loopback() {
    }

    /** Open a socket bound to {@code address} on an ephemeral port that gives up a receive after a bound. */
    public static DatagramSocket receiver(InetAddress address) {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
            socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a check's socket on " + address.getHostAddress(), e);
        }
    }

    /** Open a receiving socket on 127.0.0.1 and an ephemeral port. */
    public static DatagramSocket receiver() {
        return receiver(LOCALHOST);
    }

    /** Return the address {@code socket} listens on, as a client would send to it. */
    public static InetSocketAddress endpointOf(DatagramSocket socket) {
        return new InetSocketAddress(LOCALHOST, socket.getLocalPort());
    }

    /** Wait for one datagram on {@code socket} (any size up to the IPv4 maximum) and return it. */
    public static DatagramPacket awaitDatagram(DatagramSocket socket, String hint) {
        DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        try {
            socket.receive(packet);
            return packet;
        } catch (SocketTimeoutException e) {
            throw new AssertionFailedError("no datagram reached 127.0.0.1:" + socket.getLocalPort()
                    + " within " + RECEIVE_TIMEOUT_MS + " ms. " + hint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Return the bytes {@code packet} carries. */
    public static byte[] payload(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    /** Send {@code payload} as one datagram from a fresh socket of the check's own to {@code target}. */
    public static void send(byte[] payload, InetSocketAddress target) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
            socket.send(new DatagramPacket(payload, payload.length, target));
        } catch (IOException e) {
            throw new UncheckedIOException("the check could not send to " + target, e);
        }
    }

    /** Return a port on 127.0.0.1 that was free a moment ago, for a client to send to with nobody listening. */
    public static int unusedPort() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tell whether no socket holds UDP {@code port}: a socket of the check's own can bind it on 127.0.0.1.
     * A socket that holds the port on 0.0.0.0 or on 127.0.0.1 makes the bind fail, since neither asks to share it.
     */
    public static boolean portIsFree(int port) {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(LOCALHOST, port));
            return true;
        } catch (java.net.BindException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("the check could not try port " + port, e);
        }
    }

    /** Show bytes as hex with their count, cut when long ({@link Shown#bytes(byte[])}), for failure messages. */
    public static String hex(byte[] bytes) {
        return Shown.bytes(bytes);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no name lookup
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
