package com.betanet.marketplace.shared.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat answers some malformed requests itself, before any servlet runs (an encoded slash in the path, a broken
 * URL). This valve replaces Tomcat's HTML error page with the API's problem shape, without server details.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int statusCode = response.getStatus();
        if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var status = HttpStatus.resolve(statusCode);
        var code = status == null ? "bad_request" : ProblemErrorController.codeFor(status);
        var title = status == null ? "Error" : status.getReasonPhrase();
        var body = "{\"type\":\"/problems/" + code.replace('_', '-') + "\",\"title\":\"" + title + "\",\"status\":"
                + statusCode + ",\"detail\":\"The request could not be processed\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            var writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client has gone or the response is committed: nothing more can be said
        }
    }
}
