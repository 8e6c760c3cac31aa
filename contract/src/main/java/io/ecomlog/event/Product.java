package io.ecomlog.event;

import java.math.BigDecimal;

/**
 * A product, or a line item when it carries a quantity. Used alone by the product events and in the
 * {@code products} list of list, cart, order and refund events. Money values are decimals in the event's
 * {@code currency}. Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * Product phone = Product.builder("P-1001").sku("IP15-128-BLK").name("iPhone 15").brand("Apple")
 *         .category("electronics/smartphone").price("799.00").quantity(1).build();
 * }</pre>
 *
 * @param productId  the product's id in the catalogue (required wherever a product appears)
 * @param sku        stock keeping unit
 * @param name       display name
 * @param brand      brand
 * @param variant    variant, e.g. {@code "128 GB black"}
 * @param category   category path, segments separated by {@code /}, e.g. {@code "electronics/smartphone"}
 * @param categoryId the category's id
 * @param price      unit price actually charged; not negative
 * @param listPrice  unit price before discounts; not negative
 * @param quantity   number of units; not negative
 * @param discount   discount on this line, as an amount; not negative
 * @param coupon     coupon code applied to this line
 * @param position   position in the list it was shown in (1-based by convention); not negative
 * @param listId     id of the list it was shown in
 * @param url        product page URL
 * @param imageUrl   product image URL
 */
public record Product(String productId, String sku, String name, String brand, String variant, String category,
                      String categoryId, BigDecimal price, BigDecimal listPrice, Integer quantity, BigDecimal discount,
                      String coupon, Integer position, String listId, String url, String imageUrl) {

    /** Cleans invalid UTF-16 out of every string and gives exponent-form decimals their plain form. */
    public Product {
        productId = Text.clean(productId);
        sku = Text.clean(sku);
        name = Text.clean(name);
        brand = Text.clean(brand);
        variant = Text.clean(variant);
        category = Text.clean(category);
        categoryId = Text.clean(categoryId);
        price = Text.decimal(price);
        listPrice = Text.decimal(listPrice);
        discount = Text.decimal(discount);
        coupon = Text.clean(coupon);
        listId = Text.clean(listId);
        url = Text.clean(url);
        imageUrl = Text.clean(imageUrl);
    }

    /** A builder for the product with this catalogue id. */
    public static Builder builder(String productId) {
        return new Builder(productId);
    }

    /** A builder preset with this product's values, to derive a variation (another quantity, a position…). */
    public Builder toBuilder() {
        return new Builder(productId).sku(sku).name(name).brand(brand).variant(variant).category(category)
                .categoryId(categoryId).price(price).listPrice(listPrice).quantity(quantity).discount(discount)
                .coupon(coupon).position(position).listId(listId).url(url).imageUrl(imageUrl);
    }

    int jsonSize() {
        return 2 + JsonSize.string("product_id", productId) + JsonSize.string("sku", sku)
                + JsonSize.string("name", name) + JsonSize.string("brand", brand)
                + JsonSize.string("variant", variant) + JsonSize.string("category", category)
                + JsonSize.string("category_id", categoryId) + JsonSize.decimal("price", price)
                + JsonSize.decimal("list_price", listPrice) + JsonSize.integer("quantity", quantity)
                + JsonSize.decimal("discount", discount) + JsonSize.string("coupon", coupon)
                + JsonSize.integer("position", position) + JsonSize.string("list_id", listId)
                + JsonSize.string("url", url) + JsonSize.string("image_url", imageUrl);
    }

    /** Fluent builder for {@link Product}; money setters take a {@link BigDecimal} or a decimal string. */
    public static final class Builder {
        private final String productId;
        private String sku;
        private String name;
        private String brand;
        private String variant;
        private String category;
        private String categoryId;
        private BigDecimal price;
        private BigDecimal listPrice;
        private Integer quantity;
        private BigDecimal discount;
        private String coupon;
        private Integer position;
        private String listId;
        private String url;
        private String imageUrl;

        private Builder(String productId) {
            this.productId = productId;
        }

        public Builder sku(String sku) {
            this.sku = sku;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder brand(String brand) {
            this.brand = brand;
            return this;
        }

        public Builder variant(String variant) {
            this.variant = variant;
            return this;
        }

        /** Category path with {@code /} between levels, e.g. {@code "electronics/smartphone"}. */
        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder categoryId(String categoryId) {
            this.categoryId = categoryId;
            return this;
        }

        public Builder price(BigDecimal price) {
            this.price = price;
            return this;
        }

        /** Unit price as a decimal string such as {@code "19.95"}. */
        public Builder price(String price) {
            return price(Text.parseDecimal("price", price));
        }

        public Builder listPrice(BigDecimal listPrice) {
            this.listPrice = listPrice;
            return this;
        }

        public Builder listPrice(String listPrice) {
            return listPrice(Text.parseDecimal("list_price", listPrice));
        }

        public Builder quantity(Integer quantity) {
            this.quantity = quantity;
            return this;
        }

        public Builder discount(BigDecimal discount) {
            this.discount = discount;
            return this;
        }

        public Builder discount(String discount) {
            return discount(Text.parseDecimal("discount", discount));
        }

        public Builder coupon(String coupon) {
            this.coupon = coupon;
            return this;
        }

        public Builder position(Integer position) {
            this.position = position;
            return this;
        }

        public Builder listId(String listId) {
            this.listId = listId;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder imageUrl(String imageUrl) {
            this.imageUrl = imageUrl;
            return this;
        }

        public Product build() {
            return new Product(productId, sku, name, brand, variant, category, categoryId, price, listPrice,
                    quantity, discount, coupon, position, listId, url, imageUrl);
        }
    }
}
