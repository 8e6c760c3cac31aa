package io.ecomlog.backend.flink;

import io.ecomlog.backend.flink.detect.Finding;
import io.ecomlog.backend.flink.detect.Tally;
import io.ecomlog.backend.flink.input.ShopEvent;
import io.ecomlog.backend.flink.kpi.RevenuePoint;
import io.ecomlog.backend.flink.kpi.SalesTally;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type that crosses an exchange or sits in state is serialized by Flink's own serializers, never by Kryo:
 * Kryo is slow, breaks savepoint compatibility on any change, and on Java 17 needs module openings Managed Flink
 * does not give.
 */
class FlinkTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {ShopEvent.class, Finding.class, Tally.class, RevenuePoint.class})
    void isAPojoWithoutGenericFields(Class<?> type) {
        hasNoGenericFields(TypeInformation.of(type));
    }

    @Test
    void theSalesTallyStateTypeHasNoGenericFields() {
        hasNoGenericFields(SalesTally.TYPE);
        long instanceFields = java.util.Arrays.stream(SalesTally.class.getFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())).count();
        assertThat(SalesTally.TYPE.getArity()).isEqualTo(instanceFields);
    }

    private static void hasNoGenericFields(TypeInformation<?> info) {
        Class<?> type = info.getTypeClass();
        assertThat(info).as(type + ": " + info).isInstanceOf(PojoTypeInfo.class);
        var pojo = (PojoTypeInfo<?>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getPojoFieldAt(i).getTypeInformation()).as(pojo.getPojoFieldAt(i).toString())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
    }
}
