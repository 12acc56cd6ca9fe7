package exercise11.grader.build;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public API of compiled classes, as comparable text: classes, public fields, constructors and methods.
 * Classes are loaded without being initialised, so no code of theirs runs. (Constants' values are not part of it:
 * the checks use the lesson's own values, never the exercise's constants.)
 */
public final class PublicApi {

    private PublicApi() {
    }

    /** Describe the public API of the classes under {@code classes}. */
    public static Set<String> of(Path classes) throws IOException {
        Set<String> api = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = Class.forName(name, false, loader);
                if (Modifier.isPublic(type.getModifiers())) {
                    describe(type, api);
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            api.add("unreadable: " + e);
        }
        return api;
    }

    private static void describe(Class<?> type, Set<String> api) {
        String name = type.getName();
        api.add(Modifier.toString(type.getModifiers()) + " class " + name + " extends " + type.getSuperclass()
                + " implements " + Arrays.toString(type.getGenericInterfaces()));
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers())) {
                api.add(name + " field " + Modifier.toString(f.getModifiers()) + " " + f.getGenericType().getTypeName()
                        + " " + f.getName());
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (Modifier.isPublic(c.getModifiers())) {
                api.add(name + " constructor " + Arrays.toString(c.getGenericParameterTypes()));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                api.add(name + " method " + Modifier.toString(m.getModifiers()) + " " + m.getGenericReturnType().getTypeName()
                        + " " + m.getName() + Arrays.toString(m.getGenericParameterTypes())
                        + " throws " + Arrays.toString(m.getGenericExceptionTypes()));
            }
        }
    }
}
