package dev.timbre.classification.profile;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Binary form of {@link SongAccumulator} for the Streams state store and its changelog. Internal to this
 * service (nobody else reads the changelog), so a versioned hand-written layout rather than a registry schema.
 */
public final class SongAccumulatorSerde implements Serde<SongAccumulator> {

    /** Arithmetic probability sums (profiles were the mean window probability). */
    private static final byte FORMAT_V1 = 1;
    /** Log-probability sums ({@link dev.timbre.model.SongAggregation}). */
    private static final byte FORMAT_V2 = 2;

    @Override
    public Serializer<SongAccumulator> serializer() {
        return (topic, acc) -> acc == null ? null : write(acc);
    }

    @Override
    public Deserializer<SongAccumulator> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(SongAccumulator acc) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_V2);
            out.writeUTF(acc.songId());
            out.writeUTF(acc.modelVersion());
            out.writeInt(acc.expectedWindows());
            out.writeLong(acc.lastPredictedAtMillis());
            out.writeInt(acc.genres().size());
            for (String genre : acc.genres()) {
                out.writeUTF(genre);
            }
            writeDoubles(out, acc.logProbabilitySums());
            writeDoubles(out, acc.embeddingSums());
            byte[] seen = acc.seenWindows().toByteArray();
            out.writeInt(seen.length);
            out.write(seen);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot write accumulator of " + acc.songId(), e);
        }
    }

    static SongAccumulator read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT_V1 && format != FORMAT_V2) {
                throw new SerializationException("unknown accumulator format " + format);
            }
            String songId = in.readUTF();
            String modelVersion = in.readUTF();
            int expected = in.readInt();
            long lastPredictedAt = in.readLong();
            int genreCount = in.readInt();
            List<String> genres = new ArrayList<>(genreCount);
            for (int i = 0; i < genreCount; i++) {
                genres.add(in.readUTF());
            }
            double[] probabilitySums = readDoubles(in);
            double[] embeddingSums = readDoubles(in);
            byte[] seen = new byte[in.readInt()];
            in.readFully(seen);
            if (format == FORMAT_V1) {
                // A state written before log-probability aggregation: n * log(mean p) stands in for the
                // unknown per-window log sums, so the song keeps its profile as it was.
                int n = Math.max(1, BitSet.valueOf(seen).cardinality());
                for (int i = 0; i < probabilitySums.length; i++) {
                    probabilitySums[i] = n * dev.timbre.model.SongAggregation.logProbability(probabilitySums[i] / n);
                }
            }
            return new SongAccumulator(songId, genres, probabilitySums, embeddingSums, BitSet.valueOf(seen),
                    expected, modelVersion, lastPredictedAt);
        } catch (IOException e) {
            throw new SerializationException("corrupt accumulator (" + data.length + " bytes)", e);
        }
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
