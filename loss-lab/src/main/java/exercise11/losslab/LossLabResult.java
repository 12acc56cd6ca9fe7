package exercise11.losslab;

import java.util.Locale;

/**
 * What one run of the loss lab counted.
 *
 * @param trial what was asked for
 * @param kernelBuffer the receive buffer the kernel gave, in bytes ({@code getReceiveBufferSize}; Linux reports twice
 *     the size asked for, as it counts its own bookkeeping in it)
 * @param sent numbered datagrams the sender handed to the kernel
 * @param sentPerSecond the rate the sender reached, first to last datagram
 * @param received numbered datagrams the receiver took, duplicates included
 * @param lost numbered datagrams sent and never received
 * @param duplicated datagrams received again
 * @param outOfOrder datagrams received after one with a higher number
 * @param receivedPerSecond the receiver's throughput, first to last datagram
 * @param seconds how long the run took, end marker and quiet period included
 */
public record LossLabResult(LossLabTrial trial, int kernelBuffer, long sent, double sentPerSecond, long received, long lost,
                            long duplicated, long outOfOrder, double receivedPerSecond, double seconds) {

    /** The header of {@code loss.csv}. */
    public static final String CSV_HEADER = "consumer,slow_us,rcvbuf_asked,rcvbuf_given,rate,sent,sent_per_s,received,"
            + "lost,lost_percent,duplicated,out_of_order,received_per_s,seconds";

    /** Lost datagrams as a percentage of those sent. */
    public double lostPercent() {
        return sent == 0 ? 0 : 100.0 * lost / sent;
    }

    /** This run as a row of {@code loss.csv}. */
    public String csvRow() {
        return String.join(",", trial.consumerName(), Long.toString(trial.slowMicros()), trial.bufferLabel(),
                Integer.toString(kernelBuffer), trial.rateLabel(), Long.toString(sent), whole(sentPerSecond),
                Long.toString(received), Long.toString(lost), String.format(Locale.ROOT, "%.1f", lostPercent()),
                Long.toString(duplicated), Long.toString(outOfOrder), whole(receivedPerSecond),
                String.format(Locale.ROOT, "%.2f", seconds));
    }

    /** One line of progress: what ran and what it lost. */
    public String summary() {
        return String.format(Locale.ROOT, "%s consumer  rcvbuf %s (given %d)  rate %s  sent %d at %s/s  received %d  lost %.1f %%",
                trial.consumerName(), trial.bufferLabel(), kernelBuffer, trial.rateLabel(), sent, whole(sentPerSecond), received,
                lostPercent());
    }

    static String whole(double value) {
        return Long.toString(Math.round(value));
    }
}
