package org.cityplatform.exchange.records;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** The client of an export on its HTTP response. */
final class HttpExportClient implements ExportClient {

    private final HttpServerResponse response;

    HttpExportClient(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void head(String contentType, String cursor) {
        response.setChunked(true)
                .putHeader("Content-Type", contentType)
                .putHeader("X-Export-Cursor", cursor)
                .putHeader("Cache-Control", "no-store");
    }

    @Override
    public void write(Buffer chunk) {
        response.write(chunk);
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable drained) {
        response.drainHandler(v -> drained.run());
    }

    @Override
    public void onGone(Runnable gone) {
        response.closeHandler(v -> gone.run());
    }

    @Override
    public void end() {
        response.end();
    }

    @Override
    public void reset() {
        response.reset();
    }
}
