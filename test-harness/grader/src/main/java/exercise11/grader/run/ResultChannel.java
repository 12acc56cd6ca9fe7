package exercise11.grader.run;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The results file between the checks' JVM and the grader, signed so that nothing a submission can write counts.
 *
 * <p>The grader makes a fresh key for each run and hands it over in a file that {@link RunChecks} reads and deletes
 * before any check (and so any of the submission's code) runs; it is never on a command line, in the environment or
 * in a system property. Each line carries an HMAC-SHA256 of its number and its text, so a line that is forged, copied
 * from another line or another run, or moved, does not verify and is ignored.
 */
public final class ResultChannel {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final Mac mac;
    private int next;

    /** A channel that signs (or verifies) with {@code key}. */
    public ResultChannel(byte[] key) {
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + ALGORITHM + " in this JDK", e);
        }
    }

    /** A new random key for one run. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The next line to write: {@code text} with its signature in front. */
    public synchronized String sign(String text) {
        return tag(next++, text) + "\t" + text;
    }

    /** The lines of a results file that verify, in order, without their signatures; and how many did not. */
    public record Verified(List<String> lines, int rejected) {
    }

    /** Keep the lines of {@code written} whose signatures verify as lines 0, 1, 2, ... in that order. */
    public synchronized Verified verify(List<String> written) {
        List<String> good = new ArrayList<>();
        int rejected = 0;
        for (String line : written) {
            int tab = line.indexOf('\t');
            String text = tab < 0 ? "" : line.substring(tab + 1);
            byte[] claimed;
            try {
                claimed = tab < 0 ? new byte[0] : HEX.parseHex(line.substring(0, tab));
            } catch (IllegalArgumentException e) {
                claimed = new byte[0];
            }
            if (MessageDigest.isEqual(claimed, HEX.parseHex(tag(good.size(), text)))) {
                good.add(text);
            } else if (!line.isEmpty()) {
                rejected++;
            }
        }
        return new Verified(List.copyOf(good), rejected);
    }

    private String tag(int number, String text) {
        mac.reset();
        mac.update((number + "\n").getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
