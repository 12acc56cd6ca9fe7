package exercise11.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Name the checks this check builds on, as {@code UdpServerTests.Receive} (a class or nested class: all its checks)
 * or {@code UdpClientTests.SendOnce#sendsOneDatagramWithTheUtf8Text}. If one of them has failed earlier in the run,
 * this check is not run and says which one to fix first (see {@link Dependencies}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
public @interface Needs {

    /** The checks this one builds on. */
    String[] value();
}
