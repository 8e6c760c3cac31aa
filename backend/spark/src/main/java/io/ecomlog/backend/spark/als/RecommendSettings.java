package io.ecomlog.backend.spark.als;

import io.ecomlog.backend.spark.JobArguments;

/**
 * What {@link RecommendJob} is started with (Glue or EMR Serverless job arguments), parsed without Spark so the
 * deployment's own arguments can be checked where Spark is not on the class path.
 *
 * <pre>--curated URI --output URI --table NAME [--view-weight 1 --cart-weight 3 --purchase-weight 10]
 * [--rank 16 --iterations 12 --reg-param 0.05 --alpha 20 --top-n 10]</pre>
 */
public record RecommendSettings(String curated, String output, String table, InteractionWeights weights,
                                AlsSettings als) {

    public static RecommendSettings fromArgs(String[] args) {
        var a = new JobArguments(args);
        var weights = new InteractionWeights(a.number("view-weight", InteractionWeights.DEFAULT.view()),
                a.number("cart-weight", InteractionWeights.DEFAULT.cartAdd()),
                a.number("purchase-weight", InteractionWeights.DEFAULT.purchase()));
        var d = AlsSettings.DEFAULT;
        var als = new AlsSettings((int) a.number("rank", d.rank()), (int) a.number("iterations", d.iterations()),
                a.number("reg-param", d.regParam()), a.number("alpha", d.alpha()), (int) a.number("top-n", d.topN()),
                d.seed());
        return new RecommendSettings(a.required("curated"), a.required("output"), a.required("table"), weights, als);
    }
}
