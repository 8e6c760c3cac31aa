package io.ecomlog.backend.cdk;

import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;
import software.constructs.Construct;

import java.util.List;

/**
 * The whole backend in one stack, composed of the parts in the order data flows: network and search (when asked
 * for), ingest, alert topics, processing, analytics, the optional warehouse, monitoring and the producers' policy.
 */
public final class EcomlogStack extends Stack {

    private final EcomlogConfig config;
    private final Ingest ingest;
    private final Alerts alerts;
    private final Processing processing;
    private final Analytics analytics;
    private final Search search;
    private final Warehouse warehouse;
    private final Monitoring monitoring;
    private final ProducerPolicy producers;

    public EcomlogStack(Construct scope, String id, StackProps props, EcomlogConfig config, Artifacts artifacts) {
        super(scope, id, props);
        this.config = config;
        var network = config.needsVpc() ? new Network(this, "Network") : null;
        search = config.openSearchEnabled()
                ? new Search(this, "Search", config,
                        config.openSearch() == EcomlogConfig.OpenSearchMode.VPC ? network.vpc() : null)
                : null;
        ingest = new Ingest(this, "Ingest", config, artifacts, search);
        alerts = new Alerts(this, "Alerts", config, ingest.key());
        processing = new Processing(this, "Processing", config, artifacts, ingest, alerts, search);
        analytics = new Analytics(this, "Analytics", config, artifacts, ingest, processing.recommendations());
        warehouse = config.redshift() ? new Warehouse(this, "Warehouse", config, network.vpc(), ingest) : null;
        monitoring = new Monitoring(this, "Monitoring", config, ingest, processing, analytics, alerts.ops());
        producers = new ProducerPolicy(this, "Producers", config, ingest);
        Nag.suppressOnly(this, "AwsSolutions-IAM5",
                "CDK's KMS grants for the data key expand to kms:GenerateDataKey* and kms:ReEncrypt* on that one "
                        + "key.", "^Action::kms:.*\\*$");
    }

    /**
     * Three zones even when the stack is not bound to an account and region (CDK assumes two then): Redshift
     * Serverless needs subnets in three. Every region ecomlog targets has at least three.
     */
    @Override
    public List<String> getAvailabilityZones() {
        if (!Token.isUnresolved(getRegion())) {
            return super.getAvailabilityZones();
        }
        var zones = Fn.getAzs();
        return List.of(Fn.select(0, zones), Fn.select(1, zones), Fn.select(2, zones));
    }

    public EcomlogConfig config() { return config; }
    Ingest ingest() { return ingest; }
    Alerts alerts() { return alerts; }
    Processing processing() { return processing; }
    Analytics analytics() { return analytics; }
    Search search() { return search; }
    Warehouse warehouse() { return warehouse; }
    Monitoring monitoring() { return monitoring; }
    ProducerPolicy producers() { return producers; }
}
