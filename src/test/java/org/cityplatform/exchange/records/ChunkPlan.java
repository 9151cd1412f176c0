package org.cityplatform.exchange.records;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Arrays;

/**
 * How a fuzz test cuts a body into the chunks a socket might deliver: a short cycle of sizes chosen by the fuzzer.
 * Each chunk is handed over as a fresh copy placed inside a larger array, so code that keeps a reference to an earlier
 * chunk, or that ignores the offset, reads the wrong bytes.
 */
record ChunkPlan(int[] sizes) {

    interface Feeder {
        void feed(byte[] chunk, int offset, int length);
    }

    static final ChunkPlan WHOLE = new ChunkPlan(new int[] {Integer.MAX_VALUE});
    static final ChunkPlan BYTE_BY_BYTE = new ChunkPlan(new int[] {1});

    static ChunkPlan from(FuzzedDataProvider data, int maxChunk) {
        return from(data, 1, maxChunk);
    }

    static ChunkPlan from(FuzzedDataProvider data, int minChunk, int maxChunk) {
        int[] sizes = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = data.consumeInt(minChunk, maxChunk);
        }
        return new ChunkPlan(sizes);
    }

    void feed(byte[] body, Feeder feeder) {
        int at = 0;
        for (int n = 0; at < body.length; n++) {
            int size = Math.min(sizes[n % sizes.length], body.length - at);
            byte[] chunk = new byte[size + 3];
            Arrays.fill(chunk, (byte) ']');
            System.arraycopy(body, at, chunk, 1, size);
            feeder.feed(chunk, 1, size);
            at += size;
        }
    }

    @Override
    public String toString() {
        return "chunks of " + Arrays.toString(sizes);
    }
}
