package dev.timbre.blob.s3;

import dev.timbre.blob.FetchedBlob;
import dev.timbre.blob.StoredBlob;
import dev.timbre.infra.s3.LocalS3;
import dev.timbre.infra.testing.TestS3;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 200 MB object up and down through the real S3 API server in a JVM whose whole heap is 96 MiB
 * (failsafe's argLine in this module): buffering the file anywhere would fail with OutOfMemoryError. The heap
 * in use is also sampled during the transfer and must stay far below the object's size.
 */
class LargeObjectIT {
    private static final long SIZE = 200L * 1000 * 1000;
    /** Live heap (after a collection) may not exceed this: a few parts of 8 MiB, the SDK and JUnit. */
    private static final long LIVE_HEAP_BOUND = 48L * 1024 * 1024;
    @TempDir
    Path tmp;

    @Test
    void twoHundredMegabytesStreamWithBoundedHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 128L * 1024 * 1024, "this test must run with a heap well below the object's size, got " + maxHeap);
        LocalS3 s3 = TestS3.get();
        String bucket = TestS3.newBucket("large-it");
        S3Settings settings = S3Settings.of(bucket).withEndpoint(URI.create(s3.endpoint()), true)
                .withCredentials(s3.accessKey(), s3.secretKey());

        HeapSampler heap = new HeapSampler();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        StoredBlob blob;
        long upload;
        try (S3BlobStore store = new S3BlobStore(settings, S3BlobStore.newClient(settings), tmp)) {
            heap.start();
            long t0 = System.nanoTime();
            blob = store.put("songs/la/large", new GeneratedStream(SIZE, sent), SIZE, "audio/wav");
            upload = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(SIZE, blob.sizeBytes());
            assertEquals(HexFormat.of().formatHex(sent.digest()), blob.sha256());

            long t1 = System.nanoTime();
            try (FetchedBlob fetched = store.fetch(bucket, "songs/la/large")) {
                long download = (System.nanoTime() - t1) / 1_000_000;
                assertEquals(SIZE, Files.size(fetched.path()));
                System.out.printf("[large-object] 200 MB: upload %d ms (%d parts), verified download %d ms, heap max %d MiB,"
                                + " peak used %d MiB, peak live after GC %d MiB%n", upload,
                        (SIZE + settings.partSizeBytes() - 1) / settings.partSizeBytes(), download, maxHeap >> 20,
                        heap.peak() >> 20, heap.peakLive() >> 20);
            }
        } finally {
            heap.stop();
        }
        assertTrue(heap.peakLive() > 0, "collections were observed");
        assertTrue(heap.peakLive() < LIVE_HEAP_BOUND, "live heap peaked at " + (heap.peakLive() >> 20) + " MiB");
    }

    /** Deterministic pseudo-random bytes, generated on the fly: the source holds no more than the caller's buffer. */
    static final class GeneratedStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedStream(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            digest.update(b, off, n);
            position += n;
            return n;
        }
    }

    /**
     * Samples every 5 ms the heap in use (garbage included) and the heap left after the latest collection of
     * each pool (the live data: what a buffered file would show).
     */
    static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final java.util.List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null).toList();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    long live = 0;
                    for (MemoryPoolMXBean pool : pools) {
                        live += pool.getCollectionUsage().getUsed();
                    }
                    peakLive.accumulateAndGet(live, Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peak() {
            return peak.get();
        }

        long peakLive() {
            return peakLive.get();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join();
            }
        }
    }
}
