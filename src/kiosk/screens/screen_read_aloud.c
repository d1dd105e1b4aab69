/* "Read aloud": the words a screen names, collected for the app to say (app_read_aloud.c). */
#include "screen.h"

void screen_read_aloud(screen_context *ctx, const char *text)
{
    if (ctx->read_aloud)
        read_aloud_add(ctx->read_aloud, NULL, text);
}
