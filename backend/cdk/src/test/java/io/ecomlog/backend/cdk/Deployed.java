package io.ecomlog.backend.cdk;

import io.ecomlog.testing.Moto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthesized template as if CloudFormation had created it on the stand-ins: every {@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Join}, {@code Fn::Sub} and {@code Fn::Select} resolved to the physical name or ARN the resource would
 * have. A resource's physical name is its name property when the template sets one, else a name derived from its
 * logical id (what CloudFormation does too, with a random suffix left out). Region us-east-1, moto's account.
 */
final class Deployed {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = Moto.ACCOUNT;

    private final Map<String, Object> resources;
    private final Map<String, Object> outputs;
    private final Map<String, Object> attributes;

    Deployed(Map<String, Object> template) {
        this(Cfn.map(template.get("Resources")), Cfn.map(template.get("Outputs")), Map.of());
    }

    private Deployed(Map<String, Object> resources, Map<String, Object> outputs, Map<String, Object> attributes) {
        this.resources = resources;
        this.outputs = outputs;
        this.attributes = attributes;
    }

    /** The same template where {@code id}'s {@code attribute} resolves to {@code value}: a stand-in's endpoint. */
    Deployed withAttribute(String id, String attribute, Object value) {
        type(id);
        var out = new LinkedHashMap<>(attributes);
        out.put(id + "." + attribute, value);
        return new Deployed(resources, outputs, Map.copyOf(out));
    }

    Map<String, Object> outputs() {
        return outputs;
    }

    /** The logical ids of every resource of {@code type}. */
    List<String> ids(String type) {
        var out = new ArrayList<String>();
        resources.forEach((id, r) -> {
            if (type.equals(Cfn.map(r).get("Type"))) {
                out.add(id);
            }
        });
        return out;
    }

    Map<String, Object> properties(String id) {
        return Cfn.map(resource(id).get("Properties"));
    }

    String type(String id) {
        return (String) resource(id).get("Type");
    }

    private Map<String, Object> resource(String id) {
        var r = Cfn.map(resources.get(id));
        if (r.isEmpty()) {
            throw new AssertionError("no resource " + id + " in the template");
        }
        return r;
    }

    /** The value with every intrinsic function resolved (maps and lists recursively). */
    Object resolve(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(this::resolve).toList();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            var entry = map.entrySet().iterator().next();
            Object arg = entry.getValue();
            switch ((String) entry.getKey()) {
                case "Ref":
                    return ref((String) arg);
                case "Fn::GetAtt":
                    var attribute = Cfn.list(arg);
                    return getAtt((String) attribute.get(0), (String) attribute.get(1));
                case "Fn::Join":
                    var join = Cfn.list(arg);
                    var parts = Cfn.list(resolve(join.get(1)));
                    return String.join((String) join.get(0), parts.stream().map(String::valueOf).toList());
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::Select":
                    var select = Cfn.list(arg);
                    return Cfn.list(resolve(select.get(1))).get(Integer.parseInt(String.valueOf(select.get(0))));
                case "Fn::Split":
                    var split = Cfn.list(arg);
                    return List.of(((String) resolve(split.get(1))).split(Pattern.quote((String) split.get(0)), -1));
                default:
                    if (((String) entry.getKey()).startsWith("Fn::")) {
                        throw new AssertionError("cannot resolve " + map);
                    }
            }
        }
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put((String) k, resolve(v)));
        return out;
    }

    String string(Object value) {
        return (String) resolve(value);
    }

    private Object sub(Object arg) {
        String text = arg instanceof String s ? s : (String) Cfn.list(arg).get(0);
        Map<String, Object> variables = arg instanceof String ? Map.of() : Cfn.map(Cfn.list(arg).get(1));
        Matcher m = Pattern.compile("\\$\\{(!?)([^}]+)}").matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value;
            if (!m.group(1).isEmpty()) {
                value = "${" + name + "}";
            } else if (variables.containsKey(name)) {
                value = String.valueOf(resolve(variables.get(name)));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                value = String.valueOf(getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1)));
            } else {
                value = String.valueOf(ref(name));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Object ref(String id) {
        switch (id) {
            case "AWS::Partition": return "aws";
            case "AWS::Region": return REGION;
            case "AWS::AccountId": return ACCOUNT;
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::StackName": return "ecomlog-backend";
            case "AWS::NoValue": return null;
            default: break;
        }
        String type = type(id);
        String name = name(id);
        return switch (type) {
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
            case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name;
            case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
            default -> name;
        };
    }

    private Object getAtt(String id, String attribute) {
        if (attributes.containsKey(id + "." + attribute)) {
            return attributes.get(id + "." + attribute);
        }
        String type = type(id);
        String name = name(id);
        String arn = switch (type) {
            case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
            case "AWS::Kinesis::Stream" -> "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + name;
            case "AWS::KinesisFirehose::DeliveryStream" ->
                    "arn:aws:firehose:" + REGION + ":" + ACCOUNT + ":deliverystream/" + name;
            case "AWS::SQS::Queue" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
            case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
            case "AWS::KMS::Key" -> "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + name;
            case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + name + ":*";
            case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + name;
            case "AWS::Lambda::Function" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
            case "AWS::OpenSearchService::Domain" -> "arn:aws:es:" + REGION + ":" + ACCOUNT + ":domain/" + name;
            default -> "arn:aws:" + type.split("::")[1].toLowerCase(Locale.ROOT) + ":" + REGION + ":" + ACCOUNT
                    + ":" + name;
        };
        return switch (attribute) {
            case "Arn" -> arn;
            case "StreamArn" -> arn + "/stream/2026-01-01T00:00:00.000";
            case "QueueName", "TopicName", "Name" -> name;
            case "DomainEndpoint" -> "search-" + name + ".us-east-1.es.amazonaws.com";
            case "ApplicationId" -> "00f" + Integer.toHexString(name.hashCode()); // EMR Serverless' own ids
            default -> throw new AssertionError("cannot resolve " + id + "." + attribute);
        };
    }

    /** The Glue job's default arguments, resolved, as Glue passes them to the job: {@code --name value ...}. */
    String[] glueJobArguments(String jobId) {
        var args = new ArrayList<String>();
        Cfn.map(resolve(properties(jobId).get("DefaultArguments"))).forEach((k, v) -> {
            args.add(k);
            args.add(String.valueOf(v));
        });
        return args.toArray(String[]::new);
    }

    /** The physical name: the name property the template gives, else one derived from the logical id. */
    String name(String id) {
        var p = properties(id);
        for (String key : List.of("TableName", "BucketName", "TopicName", "QueueName", "Name", "FunctionName",
                "LogGroupName", "DeliveryStreamName", "DomainName", "RoleName")) {
            if (p.get(key) instanceof String s) {
                return s;
            }
        }
        // S3 bucket names: lower case, at most 63 characters
        String derived = ("ecomlog-" + id).toLowerCase(Locale.ROOT);
        return derived.length() > 63 ? derived.substring(0, 63) : derived;
    }
}
