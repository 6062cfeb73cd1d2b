package dev.timbre.audio.decode;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;

/**
 * Ogg Vorbis through JOrbis (the reference decoder's Java port), driven page by page: the three
 * Vorbis headers, then audio packets until the end-of-stream page. Only the first logical stream is
 * decoded (chained Oggs are rare for songs). A stream that ends without its EOS page is TRUNCATED.
 */
final class VorbisDecoder implements AudioDecoder {

    private static final int CHUNK = 8192;

    private byte[] data;
    private int pos;
    private SyncState sync;

    @Override
    public DecodedAudio decode(byte[] input, DecodeLimits limits) {
        this.data = input;
        this.pos = 0;
        sync = new SyncState();
        StreamState stream = new StreamState();
        Page page = new Page();
        Packet packet = new Packet();
        Info info = new Info();
        Comment comment = new Comment();
        sync.init();
        info.init();
        comment.init();

        // Header 1: identification.
        if (!nextPage(page)) {
            throw new AudioException(Reason.CORRUPT, "no Ogg page found");
        }
        int serial = page.serialno();
        stream.init(serial);
        if (stream.pagein(page) < 0 || stream.packetout(packet) != 1) {
            throw new AudioException(Reason.CORRUPT, "first Ogg page has no packet");
        }
        if (info.synthesis_headerin(comment, packet) < 0) {
            throw new AudioException(Reason.UNSUPPORTED, "Ogg stream is not Vorbis");
        }
        // Headers 2 and 3: comments and codebooks.
        int headers = 0;
        while (headers < 2) {
            int r = stream.packetout(packet);
            if (r == 1) {
                if (info.synthesis_headerin(comment, packet) < 0) {
                    throw new AudioException(Reason.CORRUPT, "invalid Vorbis header packet");
                }
                headers++;
            } else if (r < 0) {
                throw new AudioException(Reason.CORRUPT, "hole in Vorbis header packets");
            } else {
                if (!nextPage(page)) {
                    throw new AudioException(Reason.TRUNCATED, "Ogg Vorbis ends inside its headers");
                }
                if (page.serialno() == serial) {
                    stream.pagein(page);
                }
            }
        }
        int channels = info.channels;
        JavaSoundDecoder.checkShape(channels, info.rate, limits);
        MonoBuffer out = new MonoBuffer(channels, limits.maxFrames(info.rate));
        DspState dsp = new DspState();
        Block block = new Block(dsp);
        if (dsp.synthesis_init(info) != 0) {
            throw new AudioException(Reason.CORRUPT, "Vorbis decoder could not initialise from headers");
        }
        block.init(dsp);
        float[][][] pcmHolder = new float[1][][];
        int[] index = new int[channels];
        float[] frame = new float[channels];
        boolean eos = false;
        while (!eos && !out.isFull()) {
            int r = stream.packetout(packet);
            if (r == 1) {
                if (block.synthesis(packet) == 0) {
                    dsp.synthesis_blockin(block);
                }
                int samples;
                while ((samples = dsp.synthesis_pcmout(pcmHolder, index)) > 0 && !out.isFull()) {
                    float[][] pcm = pcmHolder[0];
                    for (int i = 0; i < samples && !out.isFull(); i++) {
                        for (int c = 0; c < channels; c++) {
                            frame[c] = pcm[c][index[c] + i];
                        }
                        out.addFrame(frame);
                    }
                    dsp.synthesis_read(samples);
                }
            } else if (r == 0) {
                if (stream.e_o_s != 0) {
                    eos = true;
                } else if (!nextPage(page)) {
                    break;
                } else if (page.serialno() == serial) {
                    stream.pagein(page);
                }
            }
            // r < 0: a hole in the data (lost page); keep decoding like the reference player.
        }
        boolean limited = out.isFull();
        if (!eos && !limited) {
            throw new AudioException(Reason.TRUNCATED, "Ogg Vorbis ends without its end-of-stream page");
        }
        if (out.size() == 0) {
            throw new AudioException(Reason.EMPTY, "Ogg Vorbis contains no samples");
        }
        return new DecodedAudio(out.toArray(), info.rate, channels, AudioFormatKind.OGG_VORBIS, limited);
    }

    /** Next complete page from the sync layer, feeding it more input as needed; false at end of input. */
    private boolean nextPage(Page page) {
        while (true) {
            int r = sync.pageout(page);
            if (r == 1) {
                return true;
            }
            // r == 0: need more data; r < 0: skipped garbage, try again.
            if (r == 0) {
                if (pos >= data.length) {
                    return false;
                }
                int n = Math.min(CHUNK, data.length - pos);
                int at = sync.buffer(n);
                System.arraycopy(data, pos, sync.data, at, n);
                sync.wrote(n);
                pos += n;
            }
        }
    }
}
