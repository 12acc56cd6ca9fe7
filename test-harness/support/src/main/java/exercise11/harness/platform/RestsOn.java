package exercise11.harness.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The behaviours of Linux's loopback a check (or every check of a class) rests on. Where one of them does not hold,
 * the check is reported <em>not on this machine</em> on a student's machine and stops a grading run
 * ({@link OnThisMachine}); where they all hold it runs as written.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
public @interface RestsOn {

    /** The behaviours the check needs. */
    Behaviour[] value();
}
