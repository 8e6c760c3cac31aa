package io.ecomlog.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** WireMock plumbing shared by {@link FirehoseStub} and {@link KinesisFaultStub}. */
final class StubResponses {

    private StubResponses() {
    }

    /** Server options: dynamic port on 127.0.0.1, request journal on, quiet, no gzip. */
    static WireMockConfiguration options(Extension... extensions) {
        return WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress(LocalAws.LOOPBACK)
                .gzipDisabled(true)
                .notifier(new ConsoleNotifier(false))
                .extensions(extensions);
    }

    /** A 200/4xx/5xx answer with an AWS-style body and request id. */
    static ResponseDefinitionBuilder aws(int status, String contentType, byte[] body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", contentType)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(body);
    }

    /** An AWS error answer: {@code x-amzn-ErrorType} header plus {@code {"__type","message"}} body. */
    static ResponseDefinitionBuilder error(int status, KinesisWire.Format format, String code, String message) {
        return aws(status, format.contentType(), KinesisWire.encodeError(format, code, message))
                .withHeader(KinesisWire.ERROR_TYPE_HEADER, code);
    }

    /** The server resets the connection without answering. */
    static ResponseDefinitionBuilder reset() {
        return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    static ResponseDefinitionBuilder withDelay(ResponseDefinitionBuilder builder, long delayMillis) {
        return delayMillis > 0 ? builder.withFixedDelay((int) delayMillis) : builder;
    }

    /** The journal oldest first. */
    static List<ServeEvent> chronological(List<ServeEvent> newestFirst) {
        List<ServeEvent> events = new ArrayList<>(newestFirst);
        Collections.reverse(events);
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        return events;
    }

    /** True if the call was answered with a 200 (not a fault). */
    static boolean answeredOk(ServeEvent event) {
        return event.getResponse() != null && event.getResponse().getFault() == null
                && event.getResponse().getStatus() == 200;
    }
}
