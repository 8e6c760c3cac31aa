package io.ecomlog.kpl;

import io.ecomlog.kpl.reader.KplRecordReader;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.transport.FailureKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.ecomlog.kpl.KplTestSupport.idOf;
import static io.ecomlog.kpl.KplTestSupport.line;
import static org.assertj.core.api.Assertions.assertThat;

/** The reader on records that are not aggregated, and the failure classification; no daemon, no stand-in. */
class KplRecordReaderTest {

    @Test
    void plainAndGzipRecordsPassThroughUnchanged() {
        var events = List.of(KplTestSupport.event(1, "a"), KplTestSupport.event(2, "a"));
        byte[] plain = RecordCodec.joinLines(events);
        assertThat(KplRecordReader.userRecords(plain)).singleElement().isEqualTo(plain);
        assertThat(KplRecordReader.lines(plain)).extracting(KplTestSupport::idOf)
                .containsExactly(KplTestSupport.id(1), KplTestSupport.id(2));
        assertThat(KplRecordReader.lines(RecordCodec.gzip(plain))).extracting(KplTestSupport::idOf)
                .containsExactly(KplTestSupport.id(1), KplTestSupport.id(2));
    }

    @Test
    void aSingleJsonLineWithoutNewlineIsOneEvent() {
        assertThat(KplRecordReader.lines(line(7))).singleElement()
                .satisfies(l -> assertThat(idOf(l)).isEqualTo(KplTestSupport.id(7)));
        assertThat(KplRecordReader.lines("\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void kplErrorCodesMapToFailureKinds() {
        assertThat(KplDestination.classifyCode("Expired", "Expiration reached while waiting in queue"))
                .isEqualTo(FailureKind.THROTTLED);
        assertThat(KplDestination.classifyCode("ProvisionedThroughputExceededException", "Rate exceeded for shard"))
                .isEqualTo(FailureKind.THROTTLED);
        assertThat(KplDestination.classifyCode("ResourceNotFoundException", "Stream x not found"))
                .isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(KplDestination.classifyCode("AccessDeniedException", "")).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(KplDestination.classifyCode("InternalFailure", "")).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(KplDestination.classifyCode("Exception", "connection reset")).isEqualTo(FailureKind.NETWORK);
        assertThat(KplDestination.classifyCode(null, null)).isEqualTo(FailureKind.NETWORK);
    }

    @Test
    void theReaderDoesNotReferenceTheKpl() throws Exception {
        try (var in = KplRecordReader.class.getResourceAsStream("KplRecordReader.class")) {
            var bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(bytes).doesNotContain("software/amazon/kinesis/producer")
                    .contains("software/amazon/kinesis/retrieval/AggregatorUtil");
        }
    }
}
