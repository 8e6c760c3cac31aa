package io.ecomlog.simulator;

/** An alert the backend must raise for an injected anomaly: its kind and key (a user, an IP, a shop). */
public record ExpectedAlert(String kind, String key) {
    @Override
    public String toString() {
        return kind + " " + key;
    }
}
