package io.kustos.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Sets an HTTP answer, dropping every request header first so that none is echoed back (a GitLab token would be). */
final class HttpAnswers {
    private HttpAnswers() {
    }

    static void text(Exchange exchange, int status, String body) {
        answer(exchange, status, "text/plain; charset=utf-8", body + "\n");
    }

    static void answer(Exchange exchange, int status, String contentType, String body) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
        m.setBody(body);
    }
}
