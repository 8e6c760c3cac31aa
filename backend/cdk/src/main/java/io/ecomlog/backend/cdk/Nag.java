package io.ecomlog.backend.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.constructs.IConstruct;

import java.util.Arrays;
import java.util.List;

/**
 * cdk-nag suppressions, each with the reason in the call: a rule is only waived where the code says why the finding
 * does not apply. {@code appliesTo} narrows IAM findings to the exact actions or resources meant (regular
 * expressions between slashes, as cdk-nag takes them).
 */
final class Nag {

    private Nag() {
    }

    /** Waives {@code rule} (e.g. "AwsSolutions-S1") on {@code construct} and its children. */
    static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /** Waives an IAM finding only for the findings that match one of {@code patterns} (regular expressions). */
    static void suppressOnly(IConstruct construct, String rule, String reason, String... patterns) {
        List<Object> appliesTo = Arrays.stream(patterns)
                .map(p -> (Object) RegexAppliesTo.builder().regex("/" + p + "/").build()).toList();
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).appliesTo(appliesTo).build()), true);
    }

    /** IAM5 for object-level grants: the wildcard is the keys under one bucket (or one prefix), never all of S3. */
    static void objectsOfBuckets(IConstruct construct) {
        suppressOnly(construct, "AwsSolutions-IAM5",
                "Object-level S3 permissions name the objects of our own buckets (bucket-ARN/* or a prefix of it); "
                        + "the keys are not known in advance. CDK's grants expand actions such as s3:GetObject*.",
                "^Resource::<[A-Za-z0-9]+\\.Arn>/.*\\*$", "^Resource::arn:.*:s3:::.*\\*$",
                "^Action::s3:[A-Za-z]+\\*$");
    }
}
