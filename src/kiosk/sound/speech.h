/* Spoken words, made by espeak-ng off the frame loop: a worker thread renders a list of texts
 * (a routine's steps and the breathing words, or a screen's words read aloud) in one language,
 * one after another; the frame loop asks which are ready. Several lists may be rendered at once
 * (their workers take the engine in turn). Synthesis can take longer than a frame,
 * so nothing here ever blocks drawing, except speech_stop, which waits at most for the one text
 * being rendered. Where espeak-ng or its voice data is missing, nothing is ever ready: the
 * captions and the screen still carry everything. */
#ifndef EASE_SPEECH_H
#define EASE_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct speech speech;

/* Starts rendering texts[0..count) (copied; NULL or "" entries are skipped) in language lang
 * ("en", "es"). NULL when out of memory or no thread could start. */
speech *speech_start(const char *const *texts, size_t count, const char *lang);
/* Cancels what is left, waits for the worker, frees everything. NULL is fine. */
void speech_stop(speech *s);

/* How many texts are finished (ready or failed), in order. */
size_t speech_done(const speech *s);

/* The rendered text i, mono 16-bit at *rate_hz, once ready; false until then (or never, when
 * it could not be spoken). The PCM stays owned by s. */
bool speech_result(const speech *s, size_t i, const int16_t **pcm, size_t *frames, int *rate_hz);

#endif
