package io.ecomlog.event;

/**
 * Payload of {@code promotion_viewed} and {@code promotion_clicked}: an internal banner or teaser.
 *
 * @param promotionId  the promotion's id (required)
 * @param name         its name, e.g. {@code "summer_sale"}
 * @param creative     the creative shown, e.g. {@code "banner_1200x300_v2"}
 * @param creativeSlot where it was shown, e.g. {@code "home_top"}
 */
public record Promotion(String promotionId, String name, String creative, String creativeSlot)
        implements EventPayload {

    /** Cleans invalid UTF-16 out of every value. */
    public Promotion {
        promotionId = Text.clean(promotionId);
        name = Text.clean(name);
        creative = Text.clean(creative);
        creativeSlot = Text.clean(creativeSlot);
    }

    /** A promotion known only by its id. */
    public static Promotion of(String promotionId) {
        return new Promotion(promotionId, null, null, null);
    }

    int jsonSize() {
        return JsonSize.string("promotion_id", promotionId) + JsonSize.string("name", name)
                + JsonSize.string("creative", creative) + JsonSize.string("creative_slot", creativeSlot);
    }
}
