/* Spoken instructions: espeak-ng renders a routine's words, in English and Spanish, off the
 * calling thread; each comes back as audible speech of a plausible length, empty entries are
 * skipped, and stopping half-way is clean. */
#include <math.h>
#include <time.h>

#include "e2e_support.h"
#include "speech.h"

/* Waits (at most ten seconds) until count texts are done. */
static void wait_done(speech *s, size_t count)
{
    for (int i = 0; i < 1000 && speech_done(s) < count; i++) {
        struct timespec tick = {0, 10 * 1000000L};
        nanosleep(&tick, NULL);
    }
    assert_int_equal(speech_done(s), count);
}

/* Seconds of the rendering, and its loudest sample (of 32767). */
static double spoken_seconds(speech *s, size_t i, int *peak)
{
    const int16_t *pcm = NULL;
    size_t frames = 0;
    int rate = 0;
    assert_true(speech_result(s, i, &pcm, &frames, &rate));
    assert_true(rate >= 8000 && rate <= 48000);
    *peak = 0;
    for (size_t j = 0; j < frames; j++)
        if (abs(pcm[j]) > *peak)
            *peak = abs(pcm[j]);
    return (double)frames / rate;
}

static void words_are_spoken_in_each_language(void **state)
{
    (void)state;
    const char *english[] = {"Breathe in", "", "Let your shoulders drop and breathe out slowly."};
    speech *s = speech_start(english, 3, "en");
    assert_non_null(s);
    wait_done(s, 3);
    int peak = 0;
    double short_s = spoken_seconds(s, 0, &peak);
    assert_true(short_s > 0.3 && short_s < 3.0);
    assert_true(peak > 3000); /* audible, not silence */
    const int16_t *pcm;
    size_t frames;
    int rate;
    assert_false(speech_result(s, 1, &pcm, &frames, &rate)); /* nothing to say: skipped */
    double long_s = spoken_seconds(s, 2, &peak);
    assert_true(long_s > short_s * 1.5); /* a longer sentence takes longer to say */
    speech_stop(s);

    const char *spanish[] = {"Inspira despacio"};
    s = speech_start(spanish, 1, "es");
    assert_non_null(s);
    wait_done(s, 1);
    double spanish_s = spoken_seconds(s, 0, &peak);
    assert_true(spanish_s > 0.3 && peak > 3000);
    speech_stop(s);
}

static void stopping_half_way_is_clean(void **state)
{
    (void)state;
    const char *many[40];
    for (size_t i = 0; i < 40; i++)
        many[i] = "Raise both arms slowly, then lower them as you breathe out.";
    speech *s = speech_start(many, 40, "en");
    assert_non_null(s);
    speech_stop(s); /* at once: waits at most for the text being rendered, frees everything */
    speech_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_are_spoken_in_each_language),
        cmocka_unit_test(stopping_half_way_is_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
