package exercise11.losslab;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The lab's server, of the exercise's kind: it receives each datagram into a new 1024-byte packet and decodes it as
 * UTF-8; a printing receiver then prints it as the exercise's server does, {@code ('127.0.0.1', 54321) text}, and a
 * slow one also waits a fixed time. It counts the numbered datagrams ({@code ATU <seq> <timestamp>}) on a thread of
 * its own, and stops at the end marker ({@code ATU END}), or after a quiet period once the sender has finished.
 */
final class LossLabReceiver implements Runnable {

    static final String END = "ATU END";
    private static final int BUFFER_SIZE = 1024;
    private static final int POLL_MILLIS = 20;

    private final DatagramSocket socket;
    private final int count;
    private final PrintStream sink;
    private final long waitNanos;
    private final long quietNanos;
    private final BitSet seen;
    private final Thread thread;

    private volatile boolean senderDone;
    private volatile long senderDoneAt;
    private volatile boolean finished;
    private volatile IOException failure;

    private long received;
    private long duplicated;
    private long outOfOrder;
    private long first;
    private long last;
    private long lastArrival;
    private int highest = -1;

    /**
     * @param count the sender's numbered datagrams, 0 to {@code count - 1}
     * @param sink where to print each datagram's line, or null to print nothing
     * @param waitMicros how long to wait after each datagram: the slow consumer's work (0: none)
     * @param quietMillis how long a silence, after the sender has finished, ends the run
     */
    LossLabReceiver(DatagramSocket socket, int count, PrintStream sink, long waitMicros, long quietMillis) {
        this.socket = socket;
        this.count = count;
        this.sink = sink;
        this.waitNanos = TimeUnit.MICROSECONDS.toNanos(waitMicros);
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        this.seen = new BitSet(count);
        this.thread = new Thread(this, "loss-lab-receiver");
        thread.setDaemon(true);
    }

    void start() throws SocketException {
        socket.setSoTimeout(POLL_MILLIS);
        lastArrival = System.nanoTime();
        thread.start();
    }

    /** The sender has sent its last numbered datagram: from now on a quiet period ends the run. */
    void senderDone() {
        senderDoneAt = System.nanoTime();
        senderDone = true;
    }

    boolean finished() {
        return finished;
    }

    /**
     * Wait at most {@code millis} for the receiver to stop; if it has not, close its socket to stop it.
     *
     * @throws IOException what stopped the receiver, if it failed
     */
    void await(long millis) throws IOException, InterruptedException {
        thread.join(millis);
        if (thread.isAlive()) {
            socket.close();
            thread.join(millis);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void run() {
        try {
            receive();
        } catch (IOException e) {
            if (!socket.isClosed()) {
                failure = e;
            }
        } finally {
            finished = true;
        }
    }

    private void receive() throws IOException {
        while (true) {
            DatagramPacket packet = new DatagramPacket(new byte[BUFFER_SIZE], BUFFER_SIZE);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                if (quietAfterSender()) {
                    return;
                }
                continue;
            }
            long now = System.nanoTime();
            lastArrival = now;
            String text = new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
            if (text.startsWith(END)) {
                return;
            }
            count(sequence(text), now);
            if (sink != null) {
                InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
                sink.println("('" + source.getAddress().getHostAddress() + "', " + source.getPort() + ") " + text);
            }
            if (waitNanos > 0) {
                long until = now + waitNanos;
                for (long left = waitNanos; left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            }
            if (quietAfterSender()) {
                return;
            }
        }
    }

    private boolean quietAfterSender() {
        return senderDone && System.nanoTime() - Math.max(lastArrival, senderDoneAt) > quietNanos;
    }

    private void count(int sequence, long now) {
        if (sequence < 0 || sequence >= count) {
            return; // not one of ours
        }
        received++;
        if (received == 1) {
            first = now;
        }
        last = now;
        if (seen.get(sequence)) {
            duplicated++;
            return;
        }
        seen.set(sequence);
        if (sequence < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, sequence);
    }

    /** The number in {@code ATU <seq> <timestamp>}, or -1. */
    static int sequence(String text) {
        if (!text.startsWith("ATU ")) {
            return -1;
        }
        int end = text.indexOf(' ', 4);
        try {
            return Integer.parseInt(end < 0 ? text.substring(4) : text.substring(4, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Numbered datagrams received, duplicates included. Read only after {@link #await}. */
    long received() {
        return received;
    }

    /** Distinct numbered datagrams received. */
    long distinct() {
        return seen.cardinality();
    }

    long duplicated() {
        return duplicated;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    /** Datagrams per second, first to last one received (0 for fewer than two). */
    double perSecond() {
        return perSecond(received, first, last);
    }

    static double perSecond(long datagrams, long firstNanos, long lastNanos) {
        return datagrams < 2 || lastNanos <= firstNanos ? 0 : (datagrams - 1) * 1e9 / (lastNanos - firstNanos);
    }
}
