package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    @DisplayName("stops shrinking after its budget, counted on a clock the check controls, reporting a value that really failed")
    void boundsTheTimeSpentShrinking() {
        // Each run of the property moves a fake clock on by a millisecond, as a property through sockets might take.
        // Shrinking a list this long takes thousands of runs; with a 50 ms budget only about 50 may follow the first
        // failure. Counting runs rather than timing them keeps the check true on a machine of any speed or load.
        AtomicLong now = new AtomicLong();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger runsAtFirstFailure = new AtomicInteger(-1);
        Set<Integer> failedSizes = new HashSet<>();
        Duration budget = Duration.ofMillis(50);
        AssertionError failure = assertThrows(AssertionError.class, () -> PropertyChecks.forAll(300,
                lists().of(integers().between(0, 1000)).ofSizeBetween(0, 4096), list -> {
                    runs.incrementAndGet();
                    now.addAndGet(Duration.ofMillis(1).toNanos());
                    if (list.size() > 512) {
                        runsAtFirstFailure.compareAndSet(-1, runs.get());
                        failedSizes.add(list.size());
                    }
                    assertTrue(list.size() <= 512, "too long: " + list.size());
                }, 42L, now::get, budget));
        assertTrue(runsAtFirstFailure.get() > 0, "the property never failed");
        int afterFirstFailure = runs.get() - runsAtFirstFailure.get();
        assertTrue(afterFirstFailure <= budget.toMillis() + 1,
                "the property ran " + afterFirstFailure + " times after its first failure, at 1 ms a run on a budget of " + budget);
        int reported = Integer.parseInt(failure.getMessage().replaceAll("(?s).*too long: (\\d+).*", "$1"));
        assertTrue(failedSizes.contains(reported), () -> "reported a size that never failed: " + failure.getMessage());
    }

    @Test
    @DisplayName("shrinks all the way when the budget is not reached")
    void shrinksFullyWithinItsBudget() {
        AtomicLong now = new AtomicLong();
        AssertionError failure = assertThrows(AssertionError.class, () -> PropertyChecks.forAll(200,
                integers().between(0, 1_000_000), n -> assertTrue(n < 1000, "too big: " + n), 7L, now::get,
                Duration.ofSeconds(5)));
        assertTrue(failure.getMessage().contains("too big: 1000"), failure::getMessage);
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
