package io.ecomlog.backend.cdk;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code Allow} statements a role gets in a template (its inline policies and every {@code AWS::IAM::Policy}
 * attached to it), resolved, and a small evaluator of them: action and resource wildcards ({@code *}, {@code ?}),
 * actions case-insensitive. Conditions are not evaluated (none of the stack's function roles has one); a
 * {@code Deny} would make this over-approve, so a role with one is refused.
 */
final class Permissions {

    /** One resolved statement. */
    record Statement(List<String> actions, List<String> resources) {
    }

    private final List<Statement> statements;

    private Permissions(List<Statement> statements) {
        this.statements = statements;
    }

    static Permissions ofRole(Deployed deployed, String roleId) {
        var documents = new ArrayList<Object>();
        Cfn.list(deployed.properties(roleId).get("Policies"))
                .forEach(p -> documents.add(Cfn.map(p).get("PolicyDocument")));
        for (String policy : deployed.ids("AWS::IAM::Policy")) {
            var p = deployed.properties(policy);
            if (Cfn.list(p.get("Roles")).contains(Map.of("Ref", roleId))) {
                documents.add(p.get("PolicyDocument"));
            }
        }
        return of(deployed, documents);
    }

    static Permissions of(Deployed deployed, List<Object> documents) {
        var out = new ArrayList<Statement>();
        for (Object document : documents) {
            for (Object s : Cfn.list(Cfn.map(document).get("Statement"))) {
                var statement = Cfn.map(s);
                if (!"Allow".equals(statement.get("Effect")) || statement.containsKey("NotAction")
                        || statement.containsKey("NotResource")) {
                    throw new AssertionError("the evaluator knows Allow with Action and Resource only: " + statement);
                }
                out.add(new Statement(strings(deployed, statement.get("Action")),
                        strings(deployed, statement.get("Resource"))));
            }
        }
        return new Permissions(out);
    }

    private static List<String> strings(Deployed deployed, Object value) {
        return Cfn.list(deployed.resolve(value)).stream().map(String.class::cast).toList();
    }

    boolean allows(CallRecorder.Call call) {
        return statements.stream().anyMatch(s -> s.actions().stream().anyMatch(a -> matches(a, call.action(), true))
                && s.resources().stream().anyMatch(r -> matches(r, call.resource(), false)));
    }

    /** The granted actions as written (wildcards included). */
    Set<String> actions() {
        var out = new LinkedHashSet<String>();
        statements.forEach(s -> out.addAll(s.actions()));
        return out;
    }

    /** The granted actions (as written) that none of {@code calls} needed. */
    Set<String> unexercised(List<CallRecorder.Call> calls) {
        var out = new LinkedHashSet<String>();
        for (var s : statements) {
            for (String action : s.actions()) {
                boolean used = calls.stream().anyMatch(c -> matches(action, c.action(), true)
                        && s.resources().stream().anyMatch(r -> matches(r, c.resource(), false)));
                if (!used) {
                    out.add(action);
                }
            }
        }
        return out;
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }
}
