#include "voice_queue.h"

void voice_queue_clear(voice_queue *q)
{
    q->busy_until = 0;
}

int64_t voice_queue_place(voice_queue *q, int64_t want, int64_t latest, int64_t frames, int64_t gap)
{
    if (frames <= 0)
        return -1;
    int64_t start = want;
    if (q->busy_until > 0 && q->busy_until + gap > start)
        start = q->busy_until + gap;
    if (start > want && start > latest)
        return -1; /* outdated by the time its turn would come */
    q->busy_until = start + frames;
    return start;
}

void voice_queue_shift(voice_queue *q, int64_t at, int64_t by)
{
    if (q->busy_until > at)
        q->busy_until += by;
}

void voice_queue_release(voice_queue *q, int64_t until)
{
    if (q->busy_until > until)
        q->busy_until = until;
}
