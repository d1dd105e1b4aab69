#include "test_support.h"

#include "mix.h"
#include "synth.h"

enum { RATE = 48000, BLOCK = 480 };

static void a_sound_on_time_starts_at_its_sample(void **state)
{
    (void)state;
    mix_span s = mix_span_in_block(1000 + 123, 4000, 1000, BLOCK);
    assert_int_equal(s.block_offset, 123);
    assert_int_equal(s.sound_offset, 0);
    assert_int_equal(s.count, BLOCK - 123);
    assert_false(s.done);
    /* The next block carries on from where this one stopped. */
    s = mix_span_in_block(1123, 4000, 1000 + BLOCK, BLOCK);
    assert_int_equal(s.block_offset, 0);
    assert_int_equal(s.sound_offset, BLOCK - 123);
    assert_int_equal(s.count, BLOCK);
    assert_false(s.done);
}

static void a_sound_still_to_come_is_left_alone(void **state)
{
    (void)state;
    mix_span s = mix_span_in_block(1000 + BLOCK, 4000, 1000, BLOCK);
    assert_int_equal(s.count, 0);
    assert_false(s.done);
}

static void a_sound_late_by_less_than_its_length_starts_part_way(void **state)
{
    (void)state;
    /* Placed 300 frames before this block: the block starts 300 frames into it. */
    mix_span s = mix_span_in_block(700, 4000, 1000, BLOCK);
    assert_int_equal(s.block_offset, 0);
    assert_int_equal(s.sound_offset, 300);
    assert_int_equal(s.count, BLOCK);
    assert_false(s.done);
    /* Late by all but 10 frames: those 10, then done. */
    s = mix_span_in_block(1000 - 3990, 4000, 1000, BLOCK);
    assert_int_equal(s.sound_offset, 3990);
    assert_int_equal(s.count, 10);
    assert_true(s.done);
}

static void a_sound_late_by_its_length_or_more_is_dropped(void **state)
{
    (void)state;
    /* Exactly its length late: the first frame wanted is one past its end. */
    mix_span s = mix_span_in_block(1000 - 4000, 4000, 1000, BLOCK);
    assert_int_equal(s.count, 0);
    assert_true(s.done);
    /* Far more (the case that wrapped an unsigned subtraction and read past the buffer). */
    s = mix_span_in_block(1000 - 4001, 4000, 1000, BLOCK);
    assert_int_equal(s.count, 0);
    assert_true(s.done);
    s = mix_span_in_block(-1000000, 4000, 10000000, BLOCK);
    assert_int_equal(s.count, 0);
    assert_true(s.done);
}

static void a_sound_of_no_frames_is_done_when_its_block_comes(void **state)
{
    (void)state;
    mix_span s = mix_span_in_block(2000, 0, 1000, BLOCK);
    assert_false(s.done);
    s = mix_span_in_block(1200, 0, 1000, BLOCK);
    assert_int_equal(s.count, 0);
    assert_true(s.done);
    s = mix_span_in_block(500, 0, 1000, BLOCK);
    assert_int_equal(s.count, 0);
    assert_true(s.done);
}

static void a_sound_ending_on_a_block_boundary_is_done_in_that_block(void **state)
{
    (void)state;
    mix_span s = mix_span_in_block(1000, BLOCK, 1000, BLOCK);
    assert_int_equal(s.count, BLOCK);
    assert_true(s.done);
    s = mix_span_in_block(1000 + 80, 400, 1000, BLOCK);
    assert_int_equal(s.count, 400);
    assert_true(s.done);
}

/* The device's callbacks, block after block, over a stereo sound handed over late_ms after its
 * planned start: what is heard is exactly the rest of the sound, in place, and nothing else. The
 * sound sits in a buffer of exactly its size, so a read past it is an ASan report. */
static void play_late(cue_sound which, int late_ms)
{
    synth_sound mono;
    assert_true(synth_render(which, RATE, &mono));
    size_t frames = mono.frames;
    int16_t *pcm = malloc(frames * 2 * sizeof *pcm);
    assert_non_null(pcm);
    for (size_t i = 0; i < frames; i++)
        pcm[2 * i] = pcm[2 * i + 1] = mono.pcm[i];

    int64_t start = 96000; /* planned at 2 s into the stream */
    int64_t first =
        start + (int64_t)late_ms * RATE / 1000; /* the first block mixed after the hand-over */
    first -= first % BLOCK;
    size_t total = frames + 2 * BLOCK;
    int16_t *heard = calloc(total * 2, sizeof *heard);
    assert_non_null(heard);
    int64_t heard_from = first;
    size_t mixed = 0;
    bool done = false;
    int blocks = 0;
    for (int64_t at = first; !done; at += BLOCK, blocks++) {
        assert_true(blocks <= (int)(frames / BLOCK) + 2); /* it ends */
        int16_t block[BLOCK * 2] = {0};
        mix_span s = mix_span_in_block(start, frames, at, BLOCK);
        assert_true(s.sound_offset + s.count <= frames);
        assert_true(s.block_offset + s.count <= BLOCK);
        mix_add_scaled(block + s.block_offset * 2, pcm + s.sound_offset * 2, s.count * 2, 1.0f);
        mixed += s.count;
        done = s.done;
        size_t where = (size_t)(at - heard_from);
        if (where + BLOCK <= total)
            memcpy(heard + where * 2, block, sizeof block);
    }
    int64_t late_frames = first > start ? first - start : 0;
    size_t expected = late_frames >= (int64_t)frames ? 0 : frames - (size_t)late_frames;
    assert_int_equal(mixed, expected);
    /* Every sample heard is the sample of the sound at that moment of the stream. */
    for (size_t i = 0; i < expected; i++)
        if (heard[2 * i] != pcm[2 * (late_frames + (int64_t)i)])
            fail_msg("frame %zu heard %d, the sound has %d", i, heard[2 * i],
                     pcm[2 * (late_frames + (int64_t)i)]);
    free(heard);
    free(pcm);
    synth_sound_free(&mono);
}

static void cues_handed_late_play_their_rest_or_nothing(void **state)
{
    (void)state;
    static const int late_ms[] = {0, 50, 120, 500, 1599, 1600, 1700, 60000};
    for (size_t i = 0; i < sizeof late_ms / sizeof *late_ms; i++) {
        play_late(CUE_SOUND_TICK, late_ms[i]); /* 90 ms: gone by 120 */
        play_late(CUE_SOUND_BELL, late_ms[i]); /* 1.6 s: part-way until then */
    }
}

static void mixing_clips_instead_of_wrapping(void **state)
{
    (void)state;
    int16_t out[4] = {30000, -30000, 100, 0};
    const int16_t in[4] = {10000, -10000, 100, -5};
    mix_add_scaled(out, in, 4, 1.0f);
    assert_int_equal(out[0], 32767);
    assert_int_equal(out[1], -32768);
    assert_int_equal(out[2], 200);
    assert_int_equal(out[3], -5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_sound_on_time_starts_at_its_sample),
        cmocka_unit_test(a_sound_still_to_come_is_left_alone),
        cmocka_unit_test(a_sound_late_by_less_than_its_length_starts_part_way),
        cmocka_unit_test(a_sound_late_by_its_length_or_more_is_dropped),
        cmocka_unit_test(a_sound_of_no_frames_is_done_when_its_block_comes),
        cmocka_unit_test(a_sound_ending_on_a_block_boundary_is_done_in_that_block),
        cmocka_unit_test(cues_handed_late_play_their_rest_or_nothing),
        cmocka_unit_test(mixing_clips_instead_of_wrapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
