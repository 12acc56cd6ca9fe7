package exercise11.losslab;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The lab's client, of the exercise's kind: it sends numbered datagrams, {@code ATU <seq> <timestamp>} in UTF-8, at a
 * steady rate or as fast as it can, then the end marker until the receiver has stopped.
 */
final class LossLabSender {

    /** How often, and how many times at most, the end marker is sent. */
    private static final long END_INTERVAL_MILLIS = 10;
    private static final int END_TRIES = 100;

    private LossLabSender() {
    }

    /** 127.0.0.1, the only address the lab uses. */
    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** A socket bound to 127.0.0.1 on a port the system picks. */
    static DatagramSocket openLoopback(int receiveBuffer) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.bind(new InetSocketAddress(loopback(), 0));
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Send datagrams 0 to {@code count - 1} to {@code target}, {@code rate} a second (0: as fast as possible), paced on
     * {@link System#nanoTime()} against a fixed schedule, so that a late datagram does not slow those after it.
     *
     * @return the sender's rate, first to last datagram, in datagrams a second
     */
    static double send(DatagramSocket socket, InetSocketAddress target, int count, int rate) throws IOException {
        long start = System.nanoTime();
        long last = start;
        for (int sequence = 0; sequence < count; sequence++) {
            if (rate > 0) {
                waitUntil(start + Math.round(sequence * 1e9 / rate));
            }
            byte[] data = ("ATU " + sequence + " " + pythonTimestamp(LocalDateTime.now())).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(data, data.length, target));
            last = System.nanoTime();
        }
        return LossLabReceiver.perSecond(count, start, last);
    }

    /** Send the end marker every few milliseconds until {@code stopped} says so (a bounded number of times). */
    static void sendEnd(DatagramSocket socket, InetSocketAddress target, BooleanSupplier stopped) throws IOException {
        byte[] end = LossLabReceiver.END.getBytes(StandardCharsets.UTF_8);
        for (int tries = 0; tries < END_TRIES && !stopped.getAsBoolean(); tries++) {
            socket.send(new DatagramPacket(end, end.length, target));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(END_INTERVAL_MILLIS));
        }
    }

    /**
     * Park until {@code deadline} (a nanoTime). Parking overshoots by tens of microseconds, so the last stretch yields
     * instead, which leaves the processor to the receiver (and anything else) that needs it.
     */
    private static void waitUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            if (left > 80_000) {
                LockSupport.parkNanos(left - 50_000);
            } else {
                Thread.yield();
            }
        }
    }

    /** The date-time as Python's {@code str(datetime)}: microseconds only when there are some. */
    static String pythonTimestamp(LocalDateTime time) {
        StringBuilder text = new StringBuilder(26);
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append(' ');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2);
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            pad(text.append('.'), micros, 6);
        }
        return text.toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int digits) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(number);
    }
}
