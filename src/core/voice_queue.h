/* One voice at a time: where an utterance (spoken words, or a step's recorded instruction) may
 * start on the output stream so that it never overlaps another. Utterances are placed in the
 * order they are handed over; each starts at the sample it wants or, when another voice is
 * still speaking then, right after it (and a short breath); one that could only start after
 * the latest sample still worth it (a phase word outdated by the time its turn comes) is
 * dropped. Plain arithmetic on sample positions, no clock: the audio keeps one per stream. */
#ifndef EASE_VOICE_QUEUE_H
#define EASE_VOICE_QUEUE_H

#include <stdint.h>

typedef struct {
    int64_t busy_until; /* the first sample after the last utterance placed (0: none yet) */
} voice_queue;

void voice_queue_clear(voice_queue *q);

/* Places an utterance of frames samples that wants to start at want and is still worth
 * starting up to latest (latest < want: only at want), leaving gap samples after the one
 * before. Returns its start sample, or -1 when it is dropped (the queue is then unchanged). */
int64_t voice_queue_place(voice_queue *q, int64_t want, int64_t latest, int64_t frames,
                          int64_t gap);

/* A pause: what was placed to end after the sample at is shifted by by samples, as the audio
 * shifts the sounds themselves. */
void voice_queue_shift(voice_queue *q, int64_t at, int64_t by);

/* The utterances not yet begun were let go: the voice is busy only until until (the end of
 * what still plays, or the stream's position). */
void voice_queue_release(voice_queue *q, int64_t until);

#endif
