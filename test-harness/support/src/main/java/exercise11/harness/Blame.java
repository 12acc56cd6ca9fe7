package exercise11.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which TODO is at fault for each check of one run: one bug, one place. The student's summary and every report of the
 * grader charge a check to the TODO this class names, so a bug in one TODO never shows (or costs points) under
 * another whose code is right.
 *
 * <p>The rules, applied to the outcomes of one whole run:
 * <ul>
 *   <li>a pending check is charged to the TODO whose stub it reached;</li>
 *   <li>a check not run because a check it needs failed is charged where that check is (its reason names it, in
 *       the words of {@link Dependencies#NOT_RUN});</li>
 *   <li>a failed check that needs several TODOs is charged to one of them whose own checks (checks of that TODO
 *       alone) fail too: the TODO its message names if that is one, else the earliest; a check of the whole client
 *       fails when the timestamp is wrong, and the timestamp is what to fix;</li>
 *   <li>otherwise a failed check is charged to the TODO its message names, if it needs that TODO;</li>
 *   <li>anything else to its <em>home</em>, the latest TODO it needs ({@link #NO_TODO} for none).</li>
 * </ul>
 */
public final class Blame {

    /** The TODO of a check that needs none (the given code, the whole programs). */
    public static final int NO_TODO = 0;

    /** What blame needs of a check: its key ({@code UdpServerTests.Decode#x}), the TODOs it needs, how it ended and why. */
    public record Check(String key, List<Integer> todos, Outcome status, String reason) {
    }

    /**
     * The TODO a check is charged to, and the check whose failure put it there when that is another one (a check that
     * was not run, or that failed as a consequence), else empty.
     */
    public record Charge(int todo, Optional<String> cause) {
    }

    private static final Pattern NEEDS = Pattern.compile("^" + Pattern.quote(Dependencies.NOT_RUN) + "\\S+ \\((\\S+) failed\\)");

    private Blame() {
    }

    /** The charge of every check of one run, in the order given. */
    public static List<Charge> charges(List<Check> checks) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            byKey.putIfAbsent(checks.get(i).key(), i);
        }
        Map<Integer, Boolean> ownFailures = new HashMap<>();
        for (Check c : checks) {
            if (failed(c) && c.todos().size() == 1) {
                ownFailures.put(c.todos().get(0), true);
            }
        }
        List<Charge> charges = new ArrayList<>();
        for (Check c : checks) {
            charges.add(charge(c, checks, byKey, ownFailures, 0));
        }
        return charges;
    }

    private static Charge charge(Check c, List<Check> all, Map<String, Integer> byKey, Map<Integer, Boolean> ownFailures,
                                 int depth) {
        int named = Todo.number(c.reason());
        switch (c.status()) {
            case PENDING -> {
                return new Charge(named > 0 ? named : home(c), Optional.empty());
            }
            case NOT_RUN -> {
                Matcher m = NEEDS.matcher(c.reason());
                if (m.find() && byKey.containsKey(m.group(1)) && depth < all.size()) {
                    Check cause = all.get(byKey.get(m.group(1)));
                    Charge there = charge(cause, all, byKey, ownFailures, depth + 1);
                    return new Charge(there.todo(), Optional.of(there.cause().orElse(cause.key())));
                }
                return new Charge(home(c), Optional.empty());
            }
            case FAILED, ERROR -> {
                if (c.todos().size() > 1) {
                    if (c.todos().contains(named) && ownFailures.containsKey(named)) {
                        return new Charge(named, Optional.empty());
                    }
                    Optional<Integer> earliest = c.todos().stream().filter(ownFailures::containsKey).sorted().findFirst();
                    if (earliest.isPresent()) {
                        int todo = earliest.get();
                        return new Charge(todo, firstOwnFailure(all, todo, c));
                    }
                }
                return new Charge(c.todos().contains(named) ? named : home(c), Optional.empty());
            }
            default -> {
                return new Charge(home(c), Optional.empty());
            }
        }
    }

    /** The first failed check of {@code todo} alone, other than {@code besides}: what a consequence's charge names. */
    private static Optional<String> firstOwnFailure(List<Check> all, int todo, Check besides) {
        return all.stream().filter(d -> d != besides && failed(d) && d.todos().equals(List.of(todo))).map(Check::key).findFirst();
    }

    private static boolean failed(Check c) {
        return c.status() == Outcome.FAILED || c.status() == Outcome.ERROR;
    }

    /** The latest TODO a check needs, {@link #NO_TODO} for none. */
    public static int home(Check c) {
        return c.todos().stream().mapToInt(Integer::intValue).max().orElse(NO_TODO);
    }
}
