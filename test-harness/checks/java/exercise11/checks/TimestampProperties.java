package exercise11.checks;

import static exercise11.harness.Generators.pythonDateTimes;
import static org.quicktheories.generators.SourceDSL.integers;

import exercise11.UdpClient;
import exercise11.harness.PropertyChecks;
import exercise11.harness.Shown;
import java.time.LocalDateTime;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

@Tag("todo-1")
@DisplayName("UdpClient.pythonTimestamp (TODO 1)")
@Order(1)
class TimestampProperties {

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("matches what Python's str(datetime) printed for these date-times")
    @CsvSource(delimiter = '|', value = {
        "2022-10-13T12:38:01.285021 | 2022-10-13 12:38:01.285021",
        "2026-11-23T19:05:07.578088 | 2026-11-23 19:05:07.578088",
        "0001-01-01T00:00           | 0001-01-01 00:00:00",
        "9999-12-31T23:59:59.999999 | 9999-12-31 23:59:59.999999",
        "2000-01-01T00:00:00.000005 | 2000-01-01 00:00:00.000005",
        "2024-02-29T23:00           | 2024-02-29 23:00:00",
        "1999-12-31T09:08:07.1      | 1999-12-31 09:08:07.100000",
    })
    void matchesPythonExamples(LocalDateTime time, String python) {
        Shown.assertSameText(python, UdpClient.pythonTimestamp(time), "For " + time + " Python's str(datetime) gives '"
                + python + "'. Look at TODO 1: date and time are separated by a space (not 'T'), seconds are always"
                + " shown, and the fraction has exactly six digits, or is left out when it is 0.");
    }

    @Test
    @DisplayName("prints every date-time Python can hold as YYYY-MM-DD HH:MM:SS[.ffffff]")
    void formatsEveryDateTimeAsPythonDoes() {
        PropertyChecks.forAll(2_000, pythonDateTimes(), time ->
                Shown.assertSameText(pythonStr(time), UdpClient.pythonTimestamp(time), "For " + time
                        + ", TODO 1: expected Python's str(datetime), seconds always shown, and '.ffffff' only when"
                        + " the microseconds are not 0."));
    }

    @Test
    @DisplayName("keeps whole microseconds of a finer time, as Python's datetime.now() does, and never rounds up")
    void keepsWholeMicrosecondsOfFinerTimes() {
        // LocalDateTime.now() has nanoseconds on Linux; a Python datetime holds whole microseconds, and now() drops the rest.
        Gen<LocalDateTime> finer = pythonDateTimes().zip(integers().between(1, 999), (time, nanos) -> time.plusNanos(nanos))
                .describedAs(LocalDateTime::toString);
        PropertyChecks.forAll(500, finer, time -> {
            String python = pythonStr(time);
            String actual = UdpClient.pythonTimestamp(time);
            Shown.assertSameText(python, actual, "For " + time + " (nanoseconds, as LocalDateTime.now() gives) the timestamp"
                    + " should be " + python + ". TODO 1: keep whole microseconds, getNano() / 1000, and drop the nanoseconds"
                    + " left over; rounding them shows a microsecond that has not happened yet, or seven digits.");
        });
    }

    @Test
    @DisplayName("gives the client's message as 'ATU ' and the timestamp")
    void messageTextIsAtuAndTimestamp() {
        PropertyChecks.forAll(200, pythonDateTimes(), time ->
                Shown.assertSameText("ATU " + pythonStr(time), UdpClient.messageText(time),
                        "TODO 1: messageText(" + time + ") should be 'ATU ' followed by pythonTimestamp."));
    }

    /**
     * Python's own rule, written out field by field: %04d-%02d-%02d %02d:%02d:%02d, then .%06d if non-zero. A finer
     * time is first cut to whole microseconds, as Python's datetime.now() does.
     */
    private static String pythonStr(LocalDateTime t) {
        String text = String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1_000;
        return micros == 0 ? text : text + String.format(Locale.ROOT, ".%06d", micros);
    }
}
