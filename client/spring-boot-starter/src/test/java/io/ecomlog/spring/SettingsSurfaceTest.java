package io.ecomlog.spring;

import io.ecomlog.pipeline.ClientSettings;
import io.ecomlog.settings.Setting;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client setting is a Spring Boot property, under the name its description gives, starting from the same
 * default; the one left out says why.
 */
class SettingsSurfaceTest {

    @Test
    void everySettingIsAPropertyWithTheSameDefault() throws Exception {
        for (Setting<?> setting : ClientSettings.all()) {
            if (setting == ClientSettings.SHUTDOWN_HOOK) {
                continue; // the Spring context closes the client (destroy method), so no JVM hook of the core's
            }
            Object value = new EcomlogProperties();
            String[] path = setting.springProperty().substring("ecomlog.".length()).split("\\.");
            for (String segment : path) {
                value = read(value, segment, setting);
            }
            Object expected = setting.defaultValue();
            Object actual = value instanceof DataSize size ? size.toBytes() : value;
            if (expected instanceof Number e && actual instanceof Number a) {
                assertThat(a.doubleValue()).as(setting.springProperty()).isEqualTo(e.doubleValue());
            } else {
                assertThat(actual).as(setting.springProperty()).isEqualTo(expected);
            }
        }
    }

    private static Object read(Object bean, String kebab, Setting<?> setting) throws Exception {
        String camel = Arrays.stream(kebab.split("-")).map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT)
                + w.substring(1)).reduce("", String::concat);
        String name = camel.substring(0, 1).toLowerCase(Locale.ROOT) + camel.substring(1);
        for (PropertyDescriptor p : Introspector.getBeanInfo(bean.getClass()).getPropertyDescriptors()) {
            if (p.getName().equals(name) && p.getReadMethod() != null) {
                return p.getReadMethod().invoke(bean);
            }
        }
        throw new AssertionError(setting.springProperty() + ": " + bean.getClass().getSimpleName() + " has no "
                + name + " (the Spring property of " + setting.name() + ")");
    }
}
