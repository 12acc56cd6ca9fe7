import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Send one UDP datagram with the given text, as {@code nc -u} or {@code socat} would, with nothing but the JDK.
 *
 * <p>Run it as a single file: {@code java docs/demos/SendText.java 'ATU by hand'} sends to 127.0.0.1:2323;
 * {@code java docs/demos/SendText.java 'ATU by hand' 127.255.255.255 2323} picks the address and port.
 */
public final class SendText {

    private SendText() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: java docs/demos/SendText.java TEXT [HOST [PORT]]   (default 127.0.0.1 2323)");
            System.exit(2);
        }
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 2323;
        byte[] bytes = args[0].getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true); // so that a broadcast address works too
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(host, port)));
            System.out.println("Sent " + bytes.length + " bytes from port " + socket.getLocalPort() + " to " + host + ":" + port);
        }
    }
}
