package exercise11.harness;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Named generators for the property checks. */
public final class Generators {

    private Generators() {
    }

    /**
     * Date-times that Python's {@code datetime} can hold (years 1 to 9999, whole microseconds), with zero
     * seconds and zero microseconds generated often, since that is where formats go wrong.
     */
    public static Gen<LocalDateTime> pythonDateTimes() {
        Gen<Integer> year = Generate.frequency(Pair.of(4, integers().between(1970, 2100)), Pair.of(1, integers().between(1, 9999)));
        Gen<Integer> second = Generate.frequency(Pair.of(3, integers().between(0, 59)), Pair.of(1, Generate.constant(0)));
        Gen<Integer> micros = Generate.frequency(Pair.of(3, integers().between(0, 999_999)), Pair.of(1, Generate.constant(0)),
                Pair.of(1, integers().between(0, 9).map(d -> d * 100_000)));
        Gen<int[]> date = year.zip(integers().between(1, 12), integers().between(1, 31),
                (y, m, d) -> new int[] {y, m, Math.min(d, YearMonth.of(y, m).lengthOfMonth())});
        Gen<int[]> time = integers().between(0, 23).zip(integers().between(0, 59), second, micros,
                (h, min, s, us) -> new int[] {h, min, s, us});
        return date.zip(time, (d, t) -> LocalDateTime.of(d[0], d[1], d[2], t[0], t[1], t[2], t[3] * 1_000))
                .describedAs(LocalDateTime::toString);
    }

    /** Unicode text (any plane, no lone surrogates) whose UTF-8 encoding takes at most {@code maxBytes} bytes. */
    public static Gen<String> utf8TextUpTo(int maxBytes) {
        return utf8TextOfBytes(0, maxBytes);
    }

    /**
     * Unicode text (any plane, no lone surrogates) whose UTF-8 encoding takes more than {@code minBytes} (or exactly
     * 0 when {@code minBytes} is 0) and at most {@code maxBytes} bytes. Every value is in range, so no property has to
     * throw values away, and shrinking stays in range too.
     */
    public static Gen<String> utf8TextOfBytes(int minBytes, int maxBytes) {
        if (minBytes < 0 || maxBytes < minBytes + 4) {
            throw new IllegalArgumentException("need 0 <= minBytes and minBytes + 4 <= maxBytes, got " + minBytes + ", " + maxBytes);
        }
        Gen<Integer> codePoint = Generate.frequency(
                Pair.of(4, integers().between(0x20, 0x7E)),
                Pair.of(1, integers().between(0, 0x1F)),
                Pair.of(2, integers().between(0x80, 0xD7FF)),
                Pair.of(1, integers().between(0xE000, 0xFFFF)),
                Pair.of(2, integers().between(0x10000, 0x10FFFF)));
        // More than minBytes code points take more than minBytes bytes; the cut to maxBytes keeps over maxBytes - 4.
        int fewest = minBytes == 0 ? 0 : minBytes + 1;
        return lists().of(codePoint).ofSizeBetween(fewest, maxBytes).map(points -> cutToBytes(points, maxBytes))
                .describedAs(text -> quoted(text) + " (" + text.getBytes(StandardCharsets.UTF_8).length + " UTF-8 bytes)");
    }

    /** Show text in quotes as a reader sees it, cut when long ({@link Shown#text(String)}). */
    public static String quoted(String text) {
        return Shown.text(text);
    }

    /** Show {@code expected} and {@code actual} with their first difference in sight ({@link Shown#texts}). */
    public static String compared(String expected, String actual) {
        return Shown.texts(expected, actual);
    }

    private static String cutToBytes(List<Integer> codePoints, int maxBytes) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        for (int cp : codePoints) {
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            text.appendCodePoint(cp);
            bytes += size;
        }
        return text.toString();
    }
}
