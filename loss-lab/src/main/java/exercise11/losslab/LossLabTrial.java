package exercise11.losslab;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One run of the loss lab: a sender and a receiver in this JVM, on 127.0.0.1, ports picked by the system.
 *
 * @param receiveBuffer SO_RCVBUF to ask for, in bytes; 0 leaves the system's default
 * @param slowMicros 0 for a fast consumer, which only counts; otherwise a slow one, which also prints each datagram's
 *     line (to nowhere) and then waits this many microseconds
 * @param rate datagrams a second; 0 for as fast as the sender can
 * @param count numbered datagrams to send
 * @param quietMillis how long a silence, after the sender has finished, ends the run if the end marker is lost
 */
public record LossLabTrial(int receiveBuffer, long slowMicros, int rate, int count, long quietMillis) {

    /** How long, beyond the quiet period, the receiver may take to stop before its socket is closed under it. */
    private static final long BACKSTOP_MILLIS = 10_000;

    public LossLabTrial {
        if (receiveBuffer < 0 || slowMicros < 0 || rate < 0 || count < 1 || quietMillis < 1) {
            throw new IllegalArgumentException("a trial needs sizes, rate and wait >= 0, and count and quiet period >= 1");
        }
    }

    /** Send and receive, and count what arrived. */
    public LossLabResult run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        try (DatagramSocket server = LossLabSender.openLoopback(receiveBuffer);
             DatagramSocket client = LossLabSender.openLoopback(0)) {
            int kernelBuffer = server.getReceiveBufferSize();
            InetSocketAddress target = (InetSocketAddress) server.getLocalSocketAddress();
            LossLabReceiver receiver = new LossLabReceiver(server, count, slowMicros > 0 ? nowhere : null, slowMicros, quietMillis);
            receiver.start();
            double sentPerSecond;
            try {
                sentPerSecond = LossLabSender.send(client, target, count, rate);
            } finally {
                receiver.senderDone();
            }
            LossLabSender.sendEnd(client, target, receiver::finished);
            receiver.await(quietMillis + BACKSTOP_MILLIS);
            return new LossLabResult(this, kernelBuffer, count, sentPerSecond, receiver.received(),
                    count - receiver.distinct(), receiver.duplicated(), receiver.outOfOrder(), receiver.perSecond(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** {@code fast} or {@code slow}. */
    public String consumerName() {
        return slowMicros > 0 ? "slow" : "fast";
    }

    /** The buffer asked for, or {@code default}. */
    public String bufferLabel() {
        return receiveBuffer > 0 ? Integer.toString(receiveBuffer) : "default";
    }

    /** The rate, or {@code max}. */
    public String rateLabel() {
        return rate > 0 ? Integer.toString(rate) : "max";
    }
}
