package io.ecomlog.event;

/**
 * The application that produced an event ({@code app} on the wire). Usually configured once for the whole process
 * and added to every event by the pipeline, so most callers never build one per event.
 *
 * @param name        application name, e.g. {@code "shop-backend"}
 * @param version     its version, e.g. {@code "2.4.1"}
 * @param environment deployment environment, e.g. {@code "prod"}
 * @param host        host or container name
 */
public record App(String name, String version, String environment, String host) {

    /** Cleans invalid UTF-16 out of every value. */
    public App {
        name = Text.clean(name);
        version = Text.clean(version);
        environment = Text.clean(environment);
        host = Text.clean(host);
    }

    /** A builder; all fields are optional. */
    public static Builder builder() {
        return new Builder();
    }

    boolean isEmpty() {
        return name == null && version == null && environment == null && host == null;
    }

    int jsonSize() {
        return JsonSize.string("name", name) + JsonSize.string("version", version)
                + JsonSize.string("environment", environment) + JsonSize.string("host", host) + 2;
    }

    /** Fluent builder for {@link App}. */
    public static final class Builder {
        private String name;
        private String version;
        private String environment;
        private String host;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public App build() {
            return new App(name, version, environment, host);
        }
    }
}
