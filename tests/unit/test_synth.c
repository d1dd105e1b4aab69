#include "test_support.h"

#include <math.h>

#include "synth.h"

static const int rates[] = {22050, 44100, 48000};

static double peak_of(const synth_sound *s)
{
    int peak = 0;
    for (size_t i = 0; i < s->frames; i++)
        peak = abs(s->pcm[i]) > peak ? abs(s->pcm[i]) : peak;
    return peak / 32768.0;
}

/* Zero crossings per second in frames [from, to): a pitch estimate good enough for a glide. */
static double crossings_per_second(const synth_sound *s, size_t from, size_t to)
{
    size_t count = 0;
    for (size_t i = from + 1; i < to; i++)
        if ((s->pcm[i - 1] < 0) != (s->pcm[i] < 0))
            count++;
    return (double)count * s->rate_hz / (double)(to - from);
}

static void every_sound_is_short_soft_and_clean(void **state)
{
    (void)state;
    for (size_t r = 0; r < sizeof rates / sizeof *rates; r++) {
        for (int sound = 0; sound < SYNTH_SOUND_COUNT; sound++) {
            synth_sound s;
            assert_true(synth_render((cue_sound)sound, rates[r], &s));
            double seconds = (double)s.frames / rates[r];
            assert_true(seconds >= 0.05 && seconds <= 3.0);
            double peak = peak_of(&s);
            assert_true(peak < 0.707); /* under -3 dBFS */
            assert_true(peak > 0.05);  /* and still audible */
            double sum = 0;
            for (size_t i = 0; i < s.frames; i++)
                sum += s.pcm[i];
            assert_true(fabs(sum / (double)s.frames) / 32768.0 < 1e-4); /* no DC offset */
            /* Silence at both ends, and no jump near them: no click. */
            assert_int_equal(s.pcm[0], 0);
            assert_int_equal(s.pcm[s.frames - 1], 0);
            for (size_t i = 1; i < (size_t)rates[r] / 1000; i++) {
                assert_true(abs(s.pcm[i] - s.pcm[i - 1]) < 1000);
                assert_true(abs(s.pcm[s.frames - i] - s.pcm[s.frames - 1 - i]) < 1000);
            }
            synth_sound_free(&s);
        }
    }
}

static void rising_rises_and_falling_falls(void **state)
{
    (void)state;
    synth_sound up, down;
    assert_true(synth_render(CUE_SOUND_RISING_TONE, 48000, &up));
    assert_true(synth_render(CUE_SOUND_FALLING_TONE, 48000, &down));
    size_t q = up.frames / 4;
    assert_true(crossings_per_second(&up, 0, q) * 1.2 < crossings_per_second(&up, 3 * q, 4 * q));
    q = down.frames / 4;
    assert_true(crossings_per_second(&down, 0, q) >
                1.2 * crossings_per_second(&down, 3 * q, 4 * q));
    /* Told apart by shape too: the rising tone is loudest late, the falling one early. */
    size_t loudest_up = 0, loudest_down = 0;
    for (size_t i = 0; i < up.frames; i++)
        loudest_up = abs(up.pcm[i]) > abs(up.pcm[loudest_up]) ? i : loudest_up;
    for (size_t i = 0; i < down.frames; i++)
        loudest_down = abs(down.pcm[i]) > abs(down.pcm[loudest_down]) ? i : loudest_down;
    assert_true(loudest_up > up.frames / 2);
    assert_true(loudest_down < down.frames / 4);
    synth_sound_free(&up);
    synth_sound_free(&down);
}

static void hold_and_tick_are_quieter_than_the_bell(void **state)
{
    (void)state;
    synth_sound bell, hold, tick;
    assert_true(synth_render(CUE_SOUND_BELL, 48000, &bell));
    assert_true(synth_render(CUE_SOUND_HOLD_TONE, 48000, &hold));
    assert_true(synth_render(CUE_SOUND_TICK, 48000, &tick));
    assert_true(peak_of(&hold) < peak_of(&bell) / 2);
    assert_true(peak_of(&tick) < peak_of(&bell) / 2);
    /* A tick is over well before the next second's tick. */
    assert_true(tick.frames < 48000 / 5);
    synth_sound_free(&bell);
    synth_sound_free(&hold);
    synth_sound_free(&tick);
}

static void bad_rates_leave_the_output_untouched(void **state)
{
    (void)state;
    synth_sound s = {.pcm = NULL, .frames = 7, .rate_hz = 1};
    assert_false(synth_render(CUE_SOUND_BELL, 100, &s));
    assert_false(synth_render(SYNTH_SOUND_COUNT, 48000, &s));
    assert_int_equal(s.frames, 7);
    synth_sound_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_sound_is_short_soft_and_clean),
        cmocka_unit_test(rising_rises_and_falling_falls),
        cmocka_unit_test(hold_and_tick_are_quieter_than_the_bell),
        cmocka_unit_test(bad_rates_leave_the_output_untouched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
