/* Writes a real Ogg Vorbis file of the given length (a quiet 440 Hz tone, mono, 8 kHz, the
 * lowest quality: small and quick to encode), for the tests of media limits: a 3-hour sound
 * must be refused by 'ease check' and skipped by the kiosk, without being decoded.
 *
 *   make_long_ogg OUTPUT SECONDS */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <vorbis/vorbisenc.h>

enum { RATE = 8000, BLOCK = 4096 };

static int write_pages(ogg_stream_state *stream, FILE *out, int flush)
{
    ogg_page page;
    while (flush ? ogg_stream_flush(stream, &page) : ogg_stream_pageout(stream, &page)) {
        if (fwrite(page.header, 1, (size_t)page.header_len, out) != (size_t)page.header_len ||
            fwrite(page.body, 1, (size_t)page.body_len, out) != (size_t)page.body_len)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_long_ogg OUTPUT SECONDS\n");
        return 64;
    }
    FILE *out = fopen(argv[1], "wb");
    long seconds = atol(argv[2]);
    if (!out || seconds <= 0) {
        perror(argv[1]);
        return 1;
    }
    vorbis_info info;
    vorbis_info_init(&info);
    if (vorbis_encode_init_vbr(&info, 1, RATE, -0.1f) != 0) {
        fprintf(stderr, "make_long_ogg: the encoder refused the settings\n");
        return 1;
    }
    vorbis_comment comment;
    vorbis_comment_init(&comment);
    vorbis_dsp_state dsp;
    vorbis_block block;
    vorbis_analysis_init(&dsp, &info);
    vorbis_block_init(&dsp, &block);
    ogg_stream_state stream;
    ogg_stream_init(&stream, 1);
    ogg_packet header, header_comment, header_code;
    vorbis_analysis_headerout(&dsp, &comment, &header, &header_comment, &header_code);
    ogg_stream_packetin(&stream, &header);
    ogg_stream_packetin(&stream, &header_comment);
    ogg_stream_packetin(&stream, &header_code);
    int status = write_pages(&stream, out, 1);
    long total = seconds * RATE, done = 0;
    while (status == 0) {
        long n = total - done < BLOCK ? total - done : BLOCK;
        if (n > 0) {
            float **buffer = vorbis_analysis_buffer(&dsp, (int)n);
            for (long i = 0; i < n; i++)
                buffer[0][i] = 0.05f * sinf(2 * 3.14159265f * 440 * (float)(done + i) / RATE);
            done += n;
        }
        vorbis_analysis_wrote(&dsp, (int)n);
        int ended = 0;
        while (vorbis_analysis_blockout(&dsp, &block) == 1) {
            vorbis_analysis(&block, NULL);
            vorbis_bitrate_addblock(&block);
            ogg_packet packet;
            while (vorbis_bitrate_flushpacket(&dsp, &packet)) {
                ogg_stream_packetin(&stream, &packet);
                if (write_pages(&stream, out, 0) != 0)
                    status = -1;
                ended |= packet.e_o_s;
            }
        }
        if (n == 0 || ended)
            break;
    }
    if (status == 0)
        status = write_pages(&stream, out, 1);
    ogg_stream_clear(&stream);
    vorbis_block_clear(&block);
    vorbis_dsp_clear(&dsp);
    vorbis_comment_clear(&comment);
    vorbis_info_clear(&info);
    if (fclose(out) != 0 || status != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
