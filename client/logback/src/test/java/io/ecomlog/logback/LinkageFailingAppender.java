package io.ecomlog.logback;

/**
 * The appender as it behaves when the application brings a library version ecomlog cannot link against: building
 * its encoder throws the error an old jackson-core raised ({@code NoSuchFieldError}).
 */
public class LinkageFailingAppender extends EcomlogAppender {

    @Override
    EcomlogJsonEncoder newDefaultEncoder() {
        throw new NoSuchFieldError("COMBINE_UNICODE_SURROGATES_IN_UTF8");
    }
}
