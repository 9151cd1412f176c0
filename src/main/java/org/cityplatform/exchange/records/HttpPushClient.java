package org.cityplatform.exchange.records;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.RouteProblems;

/** The client of a push on its HTTP request and response. */
final class HttpPushClient implements PushClient {

    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;

    HttpPushClient(RoutingContext ctx) {
        this.ctx = ctx;
        this.request = ctx.request();
        this.response = ctx.response();
    }

    @Override
    public String contentEncoding() {
        return request.getHeader("Content-Encoding");
    }

    @Override
    public boolean expectsContinue() {
        return "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
    }

    @Override
    public void listen(Listener listener) {
        request.handler(listener::bytes);
        request.endHandler(v -> listener.bodyEnded());
        request.exceptionHandler(listener::failed);
        response.closeHandler(v -> listener.gone());
    }

    @Override
    public boolean gone() {
        return response.closed();
    }

    @Override
    public void pause() {
        request.pause();
    }

    @Override
    public void resume() {
        request.resume();
    }

    @Override
    public void writeContinue() {
        response.writeContinue();
    }

    @Override
    public void ok(String summaryJson) {
        response.setStatusCode(200).putHeader("Content-Type", "application/json").end(summaryJson);
    }

    @Override
    public void problem(ProblemCode code, String detail, Map<String, Object> members) {
        RouteProblems.send(ctx, code, detail, members);
    }

    @Override
    public void problem(Throwable failure) {
        RouteProblems.send(ctx, failure);
    }

    @Override
    public void closeAfterAnswer() {
        response.putHeader("Connection", "close").endHandler(v -> request.connection().close());
    }
}
