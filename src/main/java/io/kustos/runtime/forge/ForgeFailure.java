package io.kustos.runtime.forge;

/**
 * A failed forge call as the log says it: the forge and status, the call (method and path, never the
 * host nor the token), the forge's own message, and what to do when the token is refused or the
 * repo not found: {@code github: HTTP 401 on GET /repos/platform/config/issues/14/comments (Bad credentials):
 * check previews.tokenFile …}.
 */
final class ForgeFailure {
    private ForgeFailure() {
    }

    static String describe(JsonHttp.CallFailed e) {
        var out = new StringBuilder(e.getMessage());
        if (!e.call().isEmpty()) {
            out.append(" on ").append(e.call());
        }
        if (!e.answer().isEmpty()) {
            out.append(" (").append(e.answer()).append(')');
        }
        String hint = switch (e.status()) {
            case 401 -> "check previews.tokenFile: the token is missing, wrong or expired";
            case 403 -> "check previews.tokenFile and the token's scopes: it must write pull request comments and commit statuses";
            case 404 -> "check previews.configRepo and previews.releasesRepo, and that the token (previews.tokenFile) can see the repo";
            default -> "";
        };
        return hint.isEmpty() ? out.toString() : out.append(": ").append(hint).toString();
    }
}
