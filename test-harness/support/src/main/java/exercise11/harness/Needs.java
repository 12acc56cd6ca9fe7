package exercise11.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The checks this check builds on: check classes or nested classes (all their checks), named as class literals so
 * that the compiler verifies them, and optionally narrowed to some of their methods. If one of them has failed
 * earlier in the run, this check is not run and says which one to fix first; if one is pending on a TODO, this
 * check is pending on it too (see {@link Dependencies}). The kit's self-check proves that each method named exists
 * and that every needed check runs before the checks that need it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
public @interface Needs {

    /** The check classes this one builds on. */
    Class<?>[] value();

    /** Only these check methods of the one class in {@link #value()}, instead of all its checks. */
    String[] checks() default {};
}
