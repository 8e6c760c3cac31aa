package io.ecomlog.pipeline;

import io.ecomlog.record.EncodedEvent;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import io.ecomlog.transport.FailedEvent;
import io.ecomlog.transport.FailureKind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination whose behaviour a test scripts, for the pipeline's own logic (queueing, flush, TTL, fall-back,
 * replay, shutdown). The transports themselves are tested against the real stand-ins, not this.
 */
final class ScriptedDestination implements Destination {

    enum Mode { UP, DOWN, EVERY_OTHER_THROTTLED, REJECT_ALL, HANG }

    private final String name;
    private final long maxEventBytes;
    private volatile Mode mode = Mode.UP;
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    ScriptedDestination(String name) {
        this(name, 1024 * 1024);
    }

    ScriptedDestination(String name, long maxEventBytes) {
        this.name = name;
        this.maxEventBytes = maxEventBytes;
    }

    ScriptedDestination mode(Mode mode) {
        var previousRelease = release;
        if (mode == Mode.HANG) {
            release = new CountDownLatch(1);
        }
        this.mode = mode; // before releasing a hung call, so its retry sees the new mode
        if (mode != Mode.HANG) {
            previousRelease.countDown();
        }
        return this;
    }

    List<String> receivedIds() {
        return List.copyOf(received);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long maxEventBytes() {
        return maxEventBytes;
    }

    @Override
    public DeliveryReport deliver(List<EncodedEvent> events) {
        calls.incrementAndGet();
        switch (mode) {
            case DOWN:
                return DeliveryReport.allFailed(events, FailureKind.NETWORK,
                        new java.net.ConnectException("Connection refused (scripted)"));
            case REJECT_ALL:
                return DeliveryReport.allFailed(events, FailureKind.CLIENT_ERROR,
                        new IllegalArgumentException("ResourceNotFoundException (scripted)"));
            case HANG:
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DeliveryReport.allFailed(events, FailureKind.NETWORK,
                        new java.net.SocketTimeoutException("scripted hang"));
            case EVERY_OTHER_THROTTLED: {
                var failed = new ArrayList<FailedEvent>();
                int ok = 0;
                for (int i = 0; i < events.size(); i++) {
                    if (i % 2 == 1) {
                        failed.add(new FailedEvent(events.get(i), FailureKind.THROTTLED,
                                "ProvisionedThroughputExceededException"));
                    } else {
                        received.add(events.get(i).eventId());
                        ok++;
                    }
                }
                return new DeliveryReport(ok, failed, 1, ok, 0, null);
            }
            default:
                events.forEach(e -> received.add(e.eventId()));
                return new DeliveryReport(events.size(), List.of(), 1, events.size(), 0, null);
        }
    }
}
