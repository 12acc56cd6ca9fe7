package exercise11.grader.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allow-list of what a submission's own code may use: the rules of {@code policy.txt} (read its header for the
 * format), and the decision for one use of a class or member.
 */
public final class Policy {

    /** Why a use that no rule allows is refused. */
    static final String NOT_NEEDED = "this exercise does not need it";

    private record Rule(boolean allow, Pattern owner, String member, String descriptorPrefix, int specificity, String why) {

        boolean matches(String className, String memberName, String descriptor) {
            if (!owner.matcher(className).matches()) {
                return false;
            }
            if (member == null) {
                return true;
            }
            return member.equals(memberName) && descriptor.startsWith(descriptorPrefix);
        }
    }

    private final List<Rule> rules;
    private final Set<String> bootstraps;
    private final Set<String> givenClasses;
    private final Set<String> givenMethods;

    private Policy(List<Rule> rules, Set<String> bootstraps, Set<String> givenClasses, Set<String> givenMethods) {
        this.rules = rules;
        this.bootstraps = bootstraps;
        this.givenClasses = givenClasses;
        this.givenMethods = givenMethods;
    }

    /** The kit's policy, {@code policy.txt} beside this class. */
    public static Policy kit() {
        try (InputStream in = Policy.class.getResourceAsStream("policy.txt")) {
            if (in == null) {
                throw new IllegalStateException("the grader's policy.txt is missing from its classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read rules in the format of {@code policy.txt}; a line that is not a rule is an error naming its number. */
    public static Policy parse(String text) {
        List<Rule> rules = new ArrayList<>();
        Set<String> bootstraps = new java.util.TreeSet<>();
        Set<String> givenClasses = new java.util.TreeSet<>();
        Set<String> givenMethods = new java.util.TreeSet<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 2);
            if (words.length < 2) {
                throw new IllegalArgumentException("policy line " + (i + 1) + ": expected a keyword and a pattern: " + line);
            }
            switch (words[0]) {
                case "allow" -> rules.add(rule(true, words[1], ""));
                case "deny" -> {
                    int colon = words[1].indexOf(" : ");
                    if (colon < 0) {
                        throw new IllegalArgumentException("policy line " + (i + 1) + ": a deny needs ' : WHY': " + line);
                    }
                    rules.add(rule(false, words[1].substring(0, colon).strip(), words[1].substring(colon + 3).strip()));
                }
                case "bootstrap" -> bootstraps.add(words[1]);
                case "given" -> (words[1].contains("#") ? givenMethods : givenClasses).add(words[1]);
                default -> throw new IllegalArgumentException("policy line " + (i + 1) + ": unknown keyword " + words[0]);
            }
        }
        return new Policy(List.copyOf(rules), Set.copyOf(bootstraps), Set.copyOf(givenClasses), Set.copyOf(givenMethods));
    }

    private static Rule rule(boolean allow, String pattern, String why) {
        String owner = pattern;
        String member = null;
        String descriptor = "";
        int hash = pattern.indexOf('#');
        if (hash >= 0) {
            owner = pattern.substring(0, hash);
            member = pattern.substring(hash + 1);
            int paren = member.indexOf('(');
            if (paren >= 0) {
                descriptor = member.substring(paren);
                member = member.substring(0, paren);
            }
        }
        int specificity = member != null ? (descriptor.isEmpty() ? 4 : 5) : owner.contains("**") ? 1 : owner.contains("*") ? 2 : 3;
        return new Rule(allow, glob(owner), member, descriptor, specificity, why);
    }

    /** {@code **} matches any run of characters, {@code *} any run without a dot; the rest stands for itself. */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i++;
            } else if (pattern.charAt(i) == '*') {
                regex.append("[^.]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * Decide one use of {@code member} (with {@code descriptor}; {@code null} for the class itself, as a superclass)
     * of {@code className} (dotted, {@code $} for nested classes).
     *
     * @return empty if it is allowed, else why not, in words for a student
     */
    public Optional<String> refusal(String className, String member, String descriptor) {
        if (className.startsWith("exercise11.") && className.indexOf('.', "exercise11.".length()) < 0) {
            return Optional.empty(); // the submission's own package
        }
        Rule best = null;
        for (Rule rule : rules) {
            if (member == null && rule.member() != null) {
                continue;
            }
            if (!rule.matches(className, member, descriptor == null ? "" : descriptor)) {
                continue;
            }
            if (best == null || rule.specificity() > best.specificity()
                    || rule.specificity() == best.specificity() && !rule.allow() && best.allow()) {
                best = rule;
            }
        }
        if (best == null) {
            return Optional.of(NOT_NEEDED);
        }
        return best.allow() ? Optional.empty() : Optional.of(best.why());
    }

    /** Whether {@code owner#name} is a bootstrap method that javac emits and the policy accepts. */
    public boolean acceptsBootstrap(String owner, String name) {
        return bootstraps.contains(owner + "#" + name);
    }

    /**
     * Whether {@code method} of {@code className} (compiled from {@code sourceFile}) is the kit's given code: a method
     * of a given class (any class compiled from its source file), or a given method.
     */
    public boolean isGiven(String className, String sourceFile, String method) {
        String pkg = className.substring(0, className.lastIndexOf('.') + 1);
        boolean inGivenFile = givenClasses.stream().anyMatch(given -> given.startsWith(pkg)
                && (given.substring(pkg.length()) + ".java").equals(sourceFile));
        return inGivenFile || givenMethods.contains(className + "#" + method);
    }

    /** The methods ({@code exercise11.UdpServer#main}) that are the kit's own code. */
    public Set<String> givenMethods() {
        return givenMethods;
    }
}
