package io.ecomlog.spring.web;

import java.util.ArrayList;
import java.util.List;

/** Servlet request logging: one http_access event per request, one app_error per unhandled exception. */
public class RequestLoggingProperties {
    /** Whether requests of a servlet web application are logged. */
    private boolean enabled = true;
    /** Ant-style path patterns (without the context path) that are not logged. */
    private List<String> excludePaths = new ArrayList<>(List.of("/actuator/**"));
    /** Share of requests logged as http_access, 0.0 to 1.0 (app_error events are never sampled out). */
    private double sampleRate = 1.0;
    /** Whether the query string is kept in the logged path (it may carry personal data). */
    private boolean includeQueryString = false;
    /** Whether an unhandled exception also becomes an app_error event. */
    private boolean recordErrors = true;
    /** Request header carrying the user id; default: the request's Principal name. */
    private String userIdHeader;
    /** Request header carrying the session id; default: the HttpSession id, when a session exists. */
    private String sessionIdHeader;
    /** Request header carrying an anonymous (device/visitor) id. */
    private String anonymousIdHeader;
    /** Request header carrying the request id (joins http_access with app_error). */
    private String requestIdHeader = "X-Request-Id";
    /**
     * Request header carrying the client IP (first address of a list, as in X-Forwarded-For); default: the
     * request's remote address (which honours server.forward-headers-strategy).
     */
    private String clientIpHeader;
    /**
     * Order of the filter. The default runs before Spring Security (-100), so refused requests are logged too;
     * use a larger value (e.g. -90) to see Spring Security's Principal.
     */
    private int filterOrder = -110;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public List<String> getExcludePaths() { return excludePaths; }
    public void setExcludePaths(List<String> excludePaths) { this.excludePaths = excludePaths; }
    public double getSampleRate() { return sampleRate; }
    public void setSampleRate(double sampleRate) { this.sampleRate = sampleRate; }
    public boolean isIncludeQueryString() { return includeQueryString; }
    public void setIncludeQueryString(boolean v) { this.includeQueryString = v; }
    public boolean isRecordErrors() { return recordErrors; }
    public void setRecordErrors(boolean recordErrors) { this.recordErrors = recordErrors; }
    public String getUserIdHeader() { return userIdHeader; }
    public void setUserIdHeader(String userIdHeader) { this.userIdHeader = userIdHeader; }
    public String getSessionIdHeader() { return sessionIdHeader; }
    public void setSessionIdHeader(String sessionIdHeader) { this.sessionIdHeader = sessionIdHeader; }
    public String getAnonymousIdHeader() { return anonymousIdHeader; }
    public void setAnonymousIdHeader(String anonymousIdHeader) { this.anonymousIdHeader = anonymousIdHeader; }
    public String getRequestIdHeader() { return requestIdHeader; }
    public void setRequestIdHeader(String requestIdHeader) { this.requestIdHeader = requestIdHeader; }
    public String getClientIpHeader() { return clientIpHeader; }
    public void setClientIpHeader(String clientIpHeader) { this.clientIpHeader = clientIpHeader; }
    public int getFilterOrder() { return filterOrder; }
    public void setFilterOrder(int filterOrder) { this.filterOrder = filterOrder; }
}
