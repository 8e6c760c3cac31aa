package io.ecomlog.event;

/**
 * The page (or screen) the event happened on ({@code page} on the wire).
 *
 * @param url      full URL including query string
 * @param path     the path part, e.g. {@code "/p/iphone-15"}
 * @param referrer the referring URL
 * @param title    the page title
 */
public record Page(String url, String path, String referrer, String title) {

    /** Cleans invalid UTF-16 out of every value. */
    public Page {
        url = Text.clean(url);
        path = Text.clean(path);
        referrer = Text.clean(referrer);
        title = Text.clean(title);
    }

    /** A builder; all fields are optional, but {@code page_viewed} needs a url or a path. */
    public static Builder builder() {
        return new Builder();
    }

    boolean isEmpty() {
        return url == null && path == null && referrer == null && title == null;
    }

    int jsonSize() {
        return JsonSize.string("url", url) + JsonSize.string("path", path)
                + JsonSize.string("referrer", referrer) + JsonSize.string("title", title) + 2;
    }

    /** Fluent builder for {@link Page}. */
    public static final class Builder {
        private String url;
        private String path;
        private String referrer;
        private String title;

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder referrer(String referrer) {
            this.referrer = referrer;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Page build() {
            return new Page(url, path, referrer, title);
        }
    }
}
