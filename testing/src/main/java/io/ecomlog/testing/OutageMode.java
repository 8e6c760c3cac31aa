package io.ecomlog.testing;

/** How a stub answers while a stream is in outage (see {@link StubFaults#outage(String, OutageMode)}). */
public enum OutageMode {
    /** Every call gets HTTP 500 with an AWS JSON/CBOR error body ({@code InternalFailure}). */
    SERVER_ERROR,
    /** Every call's connection is reset by the server (WireMock {@code CONNECTION_RESET_BY_PEER}). */
    CONNECTION_RESET
}
