package io.ecomlog.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UuidV7Test {

    @Test
    void hasVersion7AndTheRfcVariant() {
        for (int i = 0; i < 1000; i++) {
            UUID id = UuidV7.generate();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.toString().charAt(14)).isEqualTo('7');
            assertThat(id.toString().charAt(19)).isIn('8', '9', 'a', 'b');
        }
    }

    @Test
    void carriesTheUnixMillisecondsInTheFirst48Bits() {
        long millis = 1_795_373_897_120L; // 2026-11-22T18:58:17.120Z
        UUID id = UuidV7.generate(millis);

        assertThat(UuidV7.timestampMillis(id)).isEqualTo(millis);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x", millis >>> 16, millis & 0xFFFF));
    }

    @Test
    void sortsByCreationTimeAcrossMilliseconds() {
        List<UUID> ids = new ArrayList<>();
        for (long ms = 1_700_000_000_000L; ms < 1_700_000_000_000L + 200; ms++) {
            ids.add(UuidV7.generate(ms));
        }
        List<UUID> sorted = new ArrayList<>(ids);
        sorted.sort(null);

        assertThat(sorted).isEqualTo(ids);
    }

    @Test
    void consecutiveIdsNeverGoBackInTime() {
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            long stamp = UuidV7.timestampMillis(UuidV7.generate());
            assertThat(stamp).isGreaterThanOrEqualTo(previous);
            previous = stamp;
        }
    }

    @Test
    void idsWithinOneMillisecondAreUnique() {
        var ids = new HashSet<UUID>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(UuidV7.generate(1_700_000_000_000L));
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void rejectsTimestampsThatDoNotFit48Bits() {
        assertThatThrownBy(() -> UuidV7.generate(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UuidV7.generate(1L << 48)).hasMessageContaining("48 bits");
        assertThatThrownBy(() -> UuidV7.timestampMillis(UUID.randomUUID())).hasMessageContaining("not a version 7");
    }
}
