package org.cityplatform.exchange.records;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of an export without HTTP: it counts what the export writes, ends and cuts off,
 * and the test decides how fast the client reads ({@link #lagging}) and when it leaves.
 */
final class FakeExportClient implements ExportClient {

    volatile String contentType;
    volatile String cursor;
    final AtomicInteger chunks = new AtomicInteger();
    final AtomicLong lines = new AtomicLong();
    final AtomicInteger ends = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    volatile boolean lagging;
    volatile Runnable drained;
    volatile Runnable gone;

    @Override
    public void head(String contentType, String cursor) {
        this.contentType = contentType;
        this.cursor = cursor;
    }

    @Override
    public void write(Buffer chunk) {
        chunks.incrementAndGet();
        String text = chunk.toString();
        lines.addAndGet(text.chars().filter(c -> c == '\n').count());
    }

    @Override
    public boolean writeQueueFull() {
        return lagging;
    }

    @Override
    public void onDrain(Runnable drained) {
        this.drained = drained;
    }

    @Override
    public void onGone(Runnable gone) {
        this.gone = gone;
    }

    @Override
    public void end() {
        ends.incrementAndGet();
    }

    /** As on a real connection, a reset closes it, and the export hears that its client is gone. */
    @Override
    public void reset() {
        resets.incrementAndGet();
        gone.run();
    }
}
