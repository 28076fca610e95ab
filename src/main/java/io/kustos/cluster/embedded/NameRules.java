package io.kustos.cluster.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The name and key formats of Kubernetes' apimachinery validation, with its exact messages. */
final class NameRules {

    private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";

    private NameRules() {
    }

    static List<String> dns1123Subdomain(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > 253) {
            errors.add("must be no more than 253 characters");
        }
        if (!Pattern.matches(SUBDOMAIN_FMT, value)) {
            errors.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                    + "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
                    + "for validation is '" + SUBDOMAIN_FMT + "')");
        }
        return errors;
    }

    static List<String> dns1123Label(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > 63) {
            errors.add("must be no more than 63 characters");
        }
        if (!Pattern.matches(LABEL_FMT, value)) {
            errors.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
                    + "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used "
                    + "for validation is '" + LABEL_FMT + "')");
        }
        return errors;
    }

    static List<String> dns1035Label(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > 63) {
            errors.add("must be no more than 63 characters");
        }
        if (!Pattern.matches(DNS1035_FMT, value)) {
            errors.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                    + "regex used for validation is '" + DNS1035_FMT + "')");
        }
        return errors;
    }

    static List<String> configKey(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > 253) {
            errors.add("must be no more than 253 characters");
        }
        if (!Pattern.matches(CONFIG_KEY_FMT, value)) {
            errors.add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. "
                    + "'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '"
                    + CONFIG_KEY_FMT + "')");
        }
        if (value.equals(".") || value.equals("..")) {
            errors.add("must not be '" + value + "'");
        }
        return errors;
    }

    /** A label or annotation key: optional DNS subdomain prefix and a name part. */
    static List<String> qualifiedName(String value) {
        List<String> errors = new ArrayList<>();
        String name = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(prefix).forEach(e -> errors.add("prefix part " + e));
            }
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else {
            if (name.length() > 63) {
                errors.add("name part must be no more than 63 characters");
            }
            if (!Pattern.matches(QUALIFIED_NAME_FMT, name)) {
                errors.add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
                        + "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
                        + "used for validation is '" + QUALIFIED_NAME_FMT + "')");
            }
        }
        return errors;
    }

    static List<String> labelValue(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > 63) {
            errors.add("must be no more than 63 characters");
        }
        if (!Pattern.matches(LABEL_VALUE_FMT, value)) {
            errors.add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
                    + "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  "
                    + "or '12345', regex used for validation is '" + LABEL_VALUE_FMT + "')");
        }
        return errors;
    }
}
