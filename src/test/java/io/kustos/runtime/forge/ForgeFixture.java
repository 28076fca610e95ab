package io.kustos.runtime.forge;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import io.kustos.config.PullRequestPreviews;
import io.kustos.config.PullRequestPreviews.Forge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.*;

/**
 * One forge's API as WireMock pins it: the exact paths, the token's header and each body's shape,
 * for the config repo {@code platform/config}, pull request 12.
 */
enum ForgeFixture {
    GITHUB(Forge.GITHUB, "", "/repos/platform/config", "/issues/%d/comments", "/issues/comments/%2$s", "PATCH",
            "?per_page=100&page=1", "/pulls?state=open&per_page=100&page=1", "Authorization", "Bearer ", "context"),
    GITLAB(Forge.GITLAB, "/api/v4", "/projects/platform%2Fconfig", "/merge_requests/%d/notes", "/merge_requests/%d/notes/%s", "PUT",
            "?sort=asc&order_by=created_at&per_page=100&page=1", "/merge_requests?state=opened&per_page=100&page=1", "PRIVATE-TOKEN", "", "name"),
    GITEA(Forge.GITEA, "/api/v1", "/repos/platform/config", "/issues/%d/comments", "/issues/comments/%2$s", "PATCH",
            "?page=1&limit=100", "/pulls?state=open&page=1&limit=100", "Authorization", "token ", "context");

    static final String TOKEN = "forge-token-1234";
    static final String HEAD = "0123456789abcdef0123456789abcdef01234567";

    final Forge forge;
    private final String api;
    private final String repo;
    private final String comments;
    private final String comment;
    final String editMethod;
    private final String listQuery;
    private final String openQuery;
    private final String authHeader;
    private final String authScheme;
    final String contextField;

    /** @param comments, comment: formats of the pull request's number (and the comment's id) */
    ForgeFixture(Forge forge, String api, String repo, String comments, String comment, String editMethod, String listQuery,
                 String openQuery, String authHeader, String authScheme, String contextField) {
        this.forge = forge;
        this.api = api;
        this.repo = repo;
        this.comments = comments;
        this.comment = comment;
        this.editMethod = editMethod;
        this.listQuery = listQuery;
        this.openQuery = openQuery;
        this.authHeader = authHeader;
        this.authScheme = authScheme;
        this.contextField = contextField;
    }

    /** For each pull request of {@code numbers}: no comment yet, and a comment created; every status set. */
    void stubPullRequests(WireMockExtension wm, int... numbers) {
        for (int n : numbers) {
            wm.stubFor(get(urlEqualTo(listUrl(n))).willReturn(okJson("[]")));
            wm.stubFor(post(urlEqualTo(commentsPath(n))).willReturn(created()));
        }
        wm.stubFor(post(urlPathMatching(statusPath("") + "[0-9]{40}")).willReturn(created()));
        wm.stubFor(get(urlPathMatching(statusesPath("[0-9a-f]{40}"))).willReturn(okJson("[]")));
    }

    /** Where the statuses of {@code head} are read (a regex of it with a pattern for {@code head}). */
    String statusesPath(String head) {
        return api + repo + (this == GITLAB ? "/repository" : "") + "/commits/" + head + "/statuses";
    }

    /** The statuses of {@code head} as the forge lists them: ours (id 2) with {@code s} and {@code description}, and another context's. */
    String shownJson(ForgeApi.CommitState s, String description) {
        String field = this == GITHUB ? "state" : "status"; // GitLab and Gitea list it as "status"
        return "[{\"id\":1,\"" + field + "\":\"failure\",\"" + contextField + "\":\"ci/build\",\"description\":\"x\"},"
                + "{\"id\":2,\"" + field + "\":\"" + state(s) + "\",\"" + contextField + "\":\"kustos/preview\",\"description\":" + quote(description) + "}]";
    }

    /** Waits until {@code wm} got {@code count} requests {@code method} to {@code path}. */
    static void awaitRequests(WireMockExtension wm, com.github.tomakehurst.wiremock.http.RequestMethod method, String path, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> wm.findAll(new RequestPatternBuilder(method, urlEqualTo(path))).size() == count);
    }

    /** A WireMock on loopback standing in for the forge, one per test. */
    static WireMockExtension forge() {
        return WireMockExtension.newInstance().options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort()).build();
    }

    PullRequestPreviews settings(WireMockExtension wm, Path tmp, boolean allowForks) throws Exception {
        Path token = tmp.resolve("forge-token");
        Files.writeString(token, TOKEN + "\n");
        return new PullRequestPreviews(forge, wm.baseUrl() + api, token, "platform/config", "platform/releases", allowForks, 3,
                Duration.ofMillis(10));
    }

    PullRequestEvent event(PullRequestEvent.Action action, boolean fork) {
        return new PullRequestEvent(forge, "platform/config", 12, HEAD, fork ? "someone/config" : "platform/config", fork, action);
    }

    /** Pull request {@code number} of platform/config at {@code head}, not from a fork. */
    PullRequestEvent event(int number, String head, PullRequestEvent.Action action) {
        return new PullRequestEvent(forge, "platform/config", number, head, "platform/config", false, action);
    }

    String listUrl() {
        return listUrl(12);
    }

    /** The first page of pull request {@code number}'s comments. */
    String listUrl(int number) {
        return commentsPath(number) + listQuery;
    }

    String commentsPath() {
        return commentsPath(12);
    }

    String commentsPath(int number) {
        return api + repo + comments.formatted(number);
    }

    String commentPath() {
        return commentPath(12, "7");
    }

    /** The comment {@code id} of pull request {@code number}, where it is edited. */
    String commentPath(int number, String id) {
        return api + repo + comment.formatted(number, id);
    }

    String statusPath() {
        return statusPath(HEAD);
    }

    String statusPath(String head) {
        return api + repo + "/statuses/" + head;
    }

    /** The first page of platform/config's open pull requests. */
    String openUrl() {
        return openUrl("config");
    }

    /** The first page of platform/{@code name}'s open pull requests. */
    String openUrl(String name) {
        return api + repo.replace("config", name) + openQuery;
    }

    /** One open pull request as the forge lists it. */
    String openJson(int number, String head, String headRepo) {
        return this == GITLAB
                ? "{\"iid\":" + number + ",\"sha\":\"" + head + "\",\"source_project_id\":" + (headRepo.equals("platform/config") ? 5 : 9)
                + ",\"target_project_id\":5}"
                : "{\"number\":" + number + ",\"head\":{\"sha\":\"" + head + "\",\"repo\":{\"full_name\":\"" + headRepo + "\"}},"
                + "\"base\":{\"repo\":{\"full_name\":\"platform/config\"}}}";
    }

    /** The status's state as the forge writes it. */
    String state(ForgeApi.CommitState s) {
        return switch (s) {
            case SUCCESS -> "success";
            case FAILURE -> this == GITLAB ? "failed" : "failure";
            case SKIPPED -> this == GITLAB ? "skipped" : this == GITEA ? "warning" : "error";
            case UNAVAILABLE -> this == GITLAB ? "pending" : "error";
        };
    }

    String statusJson(ForgeApi.CommitState s, String description) {
        return "{\"state\":\"" + state(s) + "\",\"" + contextField + "\":\"kustos/preview\",\"description\":" + quote(description) + "}";
    }

    /** A request to {@code url} carrying the token as this forge wants it. */
    RequestPatternBuilder authed(String method, UrlPattern url) {
        return new RequestPatternBuilder(com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method), url)
                .withHeader(authHeader, equalTo(authScheme + TOKEN));
    }

    static String quote(String s) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().textNode(s).toString();
    }

    static String bodyJson(String body) {
        return "{\"body\":" + quote(body) + "}";
    }
}
