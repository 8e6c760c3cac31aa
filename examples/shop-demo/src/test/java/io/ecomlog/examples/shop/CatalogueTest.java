package io.ecomlog.examples.shop;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueTest {

    @Test
    void rowsWithAndWithoutBrandOrCategory() {
        var full = Catalogue.parse("2019-10-01 00:00:01 UTC,view,1307067,2053013558920217191,computers.notebook,lenovo,"
                + "251.74,550050854,7c90fc70-0e80-4590-96f3-13c02c18c713");
        assertThat(full.productId()).isEqualTo("1307067");
        assertThat(full.brand()).isEqualTo("lenovo");
        assertThat(full.category()).isEqualTo("computers/notebook");
        assertThat(full.categoryId()).isEqualTo("2053013558920217191");
        assertThat(full.price()).isEqualByComparingTo(new BigDecimal("251.74"));
        assertThat(full.name()).isEqualTo("Lenovo notebook");

        var noCategory = Catalogue.parse("2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,"
                + "541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c");
        assertThat(noCategory.category()).isNull();
        assertThat(noCategory.name()).isEqualTo("Shiseido 44600062");
        var noBrand = Catalogue.parse("2019-10-01 00:00:01 UTC,view,17200506,2053013559792632471,"
                + "furniture.living_room.sofa,,543.10,519107250,566511c2-e2e3-422b-b695-cf8e6e792ca8");
        assertThat(noBrand.brand()).isNull();
        assertThat(noBrand.name()).isEqualTo("sofa 17200506");

        assertThat(Catalogue.parse("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,"
                + "user_session")).isNull();
        assertThat(Catalogue.parse("2019-10-01 00:00:01 UTC,view,,1,,,1.00,2,s")).isNull();
        assertThat(Catalogue.parse("2019-10-01 00:00:01 UTC,view,1,1,,,not-a-price,2,s")).isNull();
        assertThat(Catalogue.parse("too,few")).isNull();
    }

    @Test
    void theSampleFromTheModuleDirectoryAndAnOverride() {
        // surefire runs in examples/shop-demo: ../../data/rees46/...
        var catalogue = new Catalogue("");
        assertThat(catalogue.source().normalize()).isEqualTo(Path.of("..", "..", Catalogue.SAMPLE).normalize());
        assertThat(catalogue.size()).isGreaterThan(100);
        assertThat(catalogue.find("1004856")).hasValueSatisfying(p -> assertThat(p.brand()).isEqualTo("samsung"));
        assertThat(catalogue.search("samsung smartphone")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.category()).isEqualTo("electronics/smartphone"));

        assertThat(new Catalogue("../../data/rees46/2019-Oct-sample.csv").size()).isEqualTo(catalogue.size());
        assertThatThrownBy(() -> new Catalogue("no/such.csv")).hasMessageContaining("shop.catalogue");
    }
}
