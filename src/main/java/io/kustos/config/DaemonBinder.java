package io.kustos.config;

import io.kustos.failure.StallingException;
import io.kustos.outcome.Outcome;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the daemon's sections of kustos.yaml: server, leaderElection, sharding, notifications. */
final class DaemonBinder {
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    private DaemonBinder() {
    }

    static Server server(ConfigNode node) {
        if (node == null) {
            return null;
        }
        return new Server(node.integer("port", 0, 65535), node.path("webhookSecretFile"), node.string("host"),
                node.integer("maxBodyBytes", 1024, 64 * 1024 * 1024));
    }

    static LeaderElection leaderElection(ConfigNode node) {
        if (node == null) {
            return null;
        }
        String namespace = leaseNamespace(node);
        String lease = node.string("leaseName");
        if (lease != null && !NameRules.isDns1123Label(lease)) {
            node.problem("leaseName", "\"" + lease + "\" is not a valid object name");
        }
        var le = new LeaderElection(node.bool("enabled"), namespace, lease, leaseDuration(node), renewDeadline(node),
                retryPeriod(node));
        checkLeaseTimes(node, le.leaseDuration(), le.renewDeadline(), le.retryPeriod());
        return le;
    }

    static Sharding sharding(ConfigNode node) {
        if (node == null) {
            return null;
        }
        var s = new Sharding(node.bool("enabled"), leaseNamespace(node), leaseDuration(node), renewDeadline(node), retryPeriod(node));
        checkLeaseTimes(node, s.leaseDuration(), s.renewDeadline(), s.retryPeriod());
        return s;
    }

    private static String leaseNamespace(ConfigNode node) {
        String namespace = node.string("namespace");
        if (namespace != null && !NameRules.isDns1123Label(namespace)) {
            node.problem("namespace", "\"" + namespace + "\" is not a valid namespace name");
        }
        return namespace;
    }

    private static Duration leaseDuration(ConfigNode node) {
        return node.duration("leaseDuration", Duration.ofSeconds(1), "1s");
    }

    private static Duration renewDeadline(ConfigNode node) {
        return node.duration("renewDeadline", Duration.ofSeconds(1), "1s");
    }

    private static Duration retryPeriod(ConfigNode node) {
        return node.duration("retryPeriod", Duration.ofMillis(100), "100ms");
    }

    /** As fabric8's LeaderElector requires: retryPeriod < renewDeadline < leaseDuration. */
    private static void checkLeaseTimes(ConfigNode node, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            node.problem("renewDeadline", "must be shorter than leaseDuration (" + leaseDuration.toSeconds() + "s)");
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            node.problem("retryPeriod", "must be shorter than renewDeadline");
        }
    }

    static Notifications notifications(ConfigNode node) {
        if (node == null) {
            return null;
        }
        ConfigNode slack = node.mapping("slack", Notifications.Slack.class);
        ConfigNode webhook = node.mapping("webhook", Notifications.Webhook.class);
        ConfigNode github = node.mapping("github", Notifications.GitHub.class);
        List<String> on = node.strings("on", DaemonBinder::notificationProblem);
        return new Notifications(slack == null ? null : new Notifications.Slack(required(slack, slack.path("webhookUrlFile"), "webhookUrlFile")),
                webhook == null ? null : new Notifications.Webhook(url(webhook, "url", true), webhook.path("tokenFile")),
                github == null ? null : github(github),
                on == null ? null : on.stream().map(Outcome::ofNotification).toList(), node.integer("retries", 0, 10),
                node.duration("retryDelay", Duration.ofMillis(10), "10ms"));
    }

    /** Null for an event {@code notifications.on} may name, else what is wrong with it. */
    private static String notificationProblem(String event) {
        try {
            Outcome.ofNotification(event);
            return null;
        } catch (StallingException e) {
            return e.getMessage();
        }
    }

    private static Notifications.GitHub github(ConfigNode node) {
        String configRepo = repo(node, "configRepo");
        String releasesRepo = repo(node, "releasesRepo");
        if (configRepo == null && releasesRepo == null && !node.has("configRepo") && !node.has("releasesRepo")) {
            node.problem("set configRepo or releasesRepo (owner/name) or both");
        }
        return new Notifications.GitHub(required(node, node.path("tokenFile"), "tokenFile"), url(node, "apiUrl", false),
                configRepo, releasesRepo, node.string("context"));
    }

    private static String repo(ConfigNode node, String field) {
        String text = node.string(field);
        if (text != null && !REPO.matcher(text).matches()) {
            node.problem(field, "\"" + text + "\" is not owner/name");
            return null;
        }
        return text;
    }

    static <T> T required(ConfigNode node, T value, String field) {
        if (value == null && !node.has(field)) {
            node.problem(field, "required");
        }
        return value;
    }

    static String url(ConfigNode node, String field, boolean required) {
        String text = node.string(field);
        if (text == null) {
            if (required && !node.has(field)) {
                node.problem(field, "required");
            }
            return null;
        }
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        node.problem(field, "is not an http(s) URL (value not shown: it may hold a token)");
        return null;
    }
}
