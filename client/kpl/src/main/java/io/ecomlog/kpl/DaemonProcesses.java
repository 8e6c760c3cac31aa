package io.ecomlog.kpl;

import software.amazon.kinesis.producer.KinesisProducer;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The native daemon process of a KPL producer. KPL 1.1.x does not expose it, so it is read from the producer's
 * internals ({@code KinesisProducer.getChild()}, {@code Daemon.process}); with a KPL whose internals differ this
 * finds nothing and daemon death is seen only through failed records.
 */
final class DaemonProcesses {

    /** The name of the KPL's native executable. */
    static final String EXECUTABLE_NAME = "kinesis_producer";

    private static final Method GET_CHILD;
    private static final Field PROCESS;

    static {
        Method getChild = null;
        Field process = null;
        try {
            getChild = KinesisProducer.class.getDeclaredMethod("getChild");
            getChild.setAccessible(true);
            process = getChild.getReturnType().getDeclaredField("process");
            process.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            getChild = null;
            process = null;
        }
        GET_CHILD = getChild;
        PROCESS = process;
    }

    private DaemonProcesses() {
    }

    /** The producer's current daemon process, if it has one now (it is started asynchronously). */
    static Optional<Process> of(KinesisProducer producer) {
        if (GET_CHILD == null) {
            return Optional.empty();
        }
        try {
            Object daemon = GET_CHILD.invoke(producer);
            return daemon == null ? Optional.empty() : Optional.ofNullable((Process) PROCESS.get(daemon));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
