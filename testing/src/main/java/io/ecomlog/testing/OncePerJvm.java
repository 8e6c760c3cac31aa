package io.ecomlog.testing;

import java.util.function.Supplier;

/**
 * A stand-in started once per test JVM, on first use, and shared by every test class after that. A start that failed
 * is not tried again: later callers fail at once with the first failure as the cause, instead of each waiting out
 * its own start-up timeout.
 */
public final class OncePerJvm<T> {

    private final String name;
    private final Supplier<T> start;
    private T instance;
    private RuntimeException failure;

    public OncePerJvm(String name, Supplier<T> start) {
        this.name = name;
        this.start = start;
    }

    public synchronized T get() {
        if (instance == null) {
            if (failure != null) {
                throw new IllegalStateException(name + " failed to start earlier in this JVM", failure);
            }
            try {
                instance = start.get();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }
}
