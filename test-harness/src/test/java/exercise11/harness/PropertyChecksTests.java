package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PropertyChecks")
class PropertyChecksTests {

    @Test
    @DisplayName("shrinks a failure to its smallest value")
    void shrinksToTheSmallestFailure() {
        AssertionError failure = assertThrows(AssertionError.class, () -> PropertyChecks.forAll(200,
                integers().between(0, 1_000_000), n -> assertTrue(n < 1000, "too big: " + n)));
        assertTrue(failure.getMessage().contains("too big: 1000"), failure::getMessage);
    }

    @Test
    @DisplayName("stops shrinking a slow property after its budget, reporting a value that really failed")
    void boundsTheTimeSpentShrinking() {
        // Shrinking a list this long takes some 18,000 runs: 20 s or more at a millisecond a run, without the budget.
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        AssertionError failure = assertThrows(AssertionError.class, () -> PropertyChecks.forAll(300,
                lists().of(integers().between(0, 1000)).ofSizeBetween(0, 4096), list -> {
                    runs.incrementAndGet();
                    try {
                        Thread.sleep(1); // a property through sockets: each run waits for a datagram
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    assertTrue(list.size() <= 512, "too long: " + list.size());
                }));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(PropertyChecks.SHRINK_BUDGET.plusSeconds(5)) < 0, "shrinking took " + took + " (" + runs + " runs)");
        int reported = Integer.parseInt(failure.getMessage().replaceAll("(?s).*too long: (\\d+).*", "$1"));
        assertTrue(reported > 512, failure::getMessage);
    }

    @Test
    @DisplayName("ends at once with the stub when a property meets a TODO stub")
    void endsAtTheFirstStub() {
        AtomicInteger runs = new AtomicInteger();
        UnsupportedOperationException stub = assertThrows(UnsupportedOperationException.class, () -> PropertyChecks.forAll(100,
                integers().between(0, 100), n -> {
                    runs.incrementAndGet();
                    throw new UnsupportedOperationException("TODO 1: do it");
                }));
        assertEquals("TODO 1: do it", stub.getMessage());
        assertEquals(1, runs.get(), "the property should not run again after a stub");
    }
}
