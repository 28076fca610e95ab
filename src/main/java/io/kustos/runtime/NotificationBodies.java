package io.kustos.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.source.Revision;

/** The JSON each channel receives for one {@link NotificationEvent}. Pure. */
public final class NotificationBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** GitHub refuses longer status descriptions. */
    static final int GITHUB_DESCRIPTION_MAX = 140;

    private NotificationBodies() {
    }

    /** A Slack incoming-webhook message: the headline, then one bullet per change and the error. */
    public static String slack(NotificationEvent e) {
        var text = new StringBuilder(switch (e.event()) {
            case APPLIED -> ":white_check_mark: ";
            case FAILED -> ":x: ";
            case DRIFT_CORRECTED -> ":wrench: ";
            default -> ":leftwards_arrow_with_hook: ";
        }).append("Kustos ").append(e.headline());
        e.changes().forEach(c -> text.append("\n• ").append(c));
        if (e.error() != null) {
            text.append("\n").append(e.error());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text.toString());
        return body.toString();
    }

    /** The generic webhook's event. */
    public static String webhook(NotificationEvent e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", e.event().notificationWord());
        body.put("environment", e.environment());
        ObjectNode revision = body.putObject("revision");
        revision.put("config", e.config().toString());
        revision.put("releases", e.releases().toString());
        e.changes().forEach(body.putArray("changes")::add);
        if (e.error() != null) {
            body.put("error", e.error());
        }
        if (e.restored() != null) {
            body.put("restored", e.restored().annotation());
        }
        body.put("summary", e.headline());
        return body.toString();
    }

    /** A GitHub commit status for the commit of one repo (see {@link #githubPath}). */
    public static String githubStatus(NotificationEvent e, String contextPrefix) {
        ObjectNode body = JSON.createObjectNode();
        body.put("state", e.event().succeeded() ? "success" : "failure");
        body.put("context", contextPrefix + "/" + e.environment());
        String description = switch (e.event()) {
            case APPLIED -> "applied to " + e.environment() + (e.changes().isEmpty() ? "" : ": " + e.changes().size() + " change(s)");
            case FAILED -> "failed in " + e.environment() + ": " + e.error();
            case DRIFT_CORRECTED -> "drift corrected in " + e.environment() + ": " + e.changes().size() + " object(s) restored";
            default -> "rolled back in " + e.environment() + ": " + e.error();
        };
        body.put("description", io.kustos.runtime.forge.Descriptions.fit(description, GITHUB_DESCRIPTION_MAX));
        return body.toString();
    }

    /** {@code /repos/<owner>/<name>/statuses/<sha>} */
    public static String githubPath(String repo, Revision revision) {
        return "/repos/" + repo + "/statuses/" + revision.sha();
    }
}
