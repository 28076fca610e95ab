package io.kustos.render;

import java.util.Optional;
import java.util.regex.Pattern;

/** The name rules of the Kubernetes API server, checked before anything is sent. */
public final class KubeNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern QUALIFIED = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    private KubeNames() {
    }

    /** A DNS-1123 subdomain (object names of ConfigMaps, Secrets, Deployments). */
    public static Optional<String> checkSubdomain(String name) {
        if (name.length() > 253) {
            return Optional.of("must be no more than 253 characters");
        }
        if (!SUBDOMAIN.matcher(name).matches()) {
            return Optional.of("must be a DNS-1123 subdomain: lower case letters, digits, '-' and '.', "
                    + "starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** A DNS-1123 label (namespaces, container names). */
    public static Optional<String> checkLabel(String name) {
        if (name.length() > 63) {
            return Optional.of("must be no more than 63 characters");
        }
        if (!LABEL.matcher(name).matches()) {
            return Optional.of("must be a DNS-1123 label: lower case letters, digits and '-', "
                    + "starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** A key of ConfigMap or Secret data. */
    public static Optional<String> checkConfigKey(String key) {
        if (key.length() > 253) {
            return Optional.of("must be no more than 253 characters");
        }
        if (!CONFIG_KEY.matcher(key).matches() || key.equals(".") || key.equals("..") || key.startsWith("..")) {
            return Optional.of("is not a valid key: use letters, digits, '-', '_' and '.'");
        }
        return Optional.empty();
    }

    /** A label or annotation key: an optional DNS subdomain prefix and a qualified name. */
    public static Optional<String> checkQualifiedKey(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || checkSubdomain(prefix).isPresent()) {
                return Optional.of("has an invalid prefix (must be a DNS subdomain)");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED.matcher(name).matches()) {
            return Optional.of("is not a valid key: at most 63 letters, digits, '-', '_' or '.', "
                    + "starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** A label value. */
    public static Optional<String> checkLabelValue(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 63 || !QUALIFIED.matcher(value).matches()) {
            return Optional.of("is not a valid label value: at most 63 letters, digits, '-', '_' or '.', "
                    + "starting and ending with a letter or digit");
        }
        return Optional.empty();
    }
}
