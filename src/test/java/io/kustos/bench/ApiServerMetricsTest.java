package io.kustos.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiServerMetricsTest {
    private static String line(String verb, String resource, String contentType, String dryRun, String subresource, long n) {
        return "apiserver_request_total{code=\"200\",component=\"apiserver\",contentType=\"" + contentType + "\",dry_run=\"" + dryRun
                + "\",group=\"\",resource=\"" + resource + "\",scope=\"resource\",subresource=\"" + subresource + "\",verb=\"" + verb
                + "\",version=\"v1\"} " + n;
    }

    @Test
    void countsJsonRequestsByWhatTheyDidAndLeavesOutProtobufAndHealth() {
        String metrics = String.join("\n",
                "# HELP apiserver_request_total Counter of apiserver requests",
                line("APPLY", "configmaps", "application/json", "", "", 500),
                line("APPLY", "secrets", "application/json", "All", "", 500),
                line("LIST", "configmaps", "application/json", "", "", 4),
                line("GET", "deployments", "application/json", "", "", 3),
                line("POST", "events", "application/json", "", "", 2),
                line("UPDATE", "deployments", "application/vnd.kubernetes.protobuf", "", "status", 70),
                line("LIST", "configmaps", "application/vnd.kubernetes.protobuf", "", "", 9),
                line("WATCH", "configmaps", "application/json", "", "", 5),
                line("WATCH", "deployments", "application/vnd.kubernetes.protobuf", "", "", 30),
                line("GET", "", "application/json", "", "/apis", 1),
                line("GET", "", "text/plain;charset=utf-8", "", "/readyz", 40),
                "apiserver_request_total{code=\"201\",component=\"apiserver\",contentType=\"application/json\",dry_run=\"\",group=\"\",resource=\"configmaps\",scope=\"resource\",subresource=\"\",verb=\"POST\",version=\"v1\"} 1.5e+01");
        assertEquals(new ServerCounts(13, 500, 515, 2), ApiServerMetrics.parse(metrics), "a JSON watch is a read (5), a protobuf one is not");
    }

    @Test
    void theDifferenceOfTwoReadingsIsWhatHappenedBetweenThem() {
        var before = new ServerCounts(10, 0, 5, 1);
        var after = new ServerCounts(22, 1200, 1205, 2);
        assertEquals(new ServerCounts(12, 1200, 1200, 1), after.minus(before));
        assertEquals(2413, after.minus(before).total());
    }
}
