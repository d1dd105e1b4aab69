/* Hours of use in minutes: random taps (on buttons and anywhere), swipes, long presses and keys,
 * random pauses between them, on a kiosk with a staff PIN. The kiosk must never crash, never
 * leave its screens, and its memory must not grow. */
#include <malloc.h>
#include <unistd.h>

#include "e2e_support.h"
#include "staff_pin.h"

#if defined(__SANITIZE_ADDRESS__)
/* ASan's own allocator keeps the count (glibc's mallinfo does not see it); its header is not
 * installed with gcc, so declared here. */
size_t __sanitizer_get_current_allocated_bytes(void);
static size_t heap_in_use(void)
{
    return __sanitizer_get_current_allocated_bytes();
}
#else
static size_t heap_in_use(void)
{
    return mallinfo2().uordblks;
}
#endif

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rnd(uint32_t below)
{
    /* xorshift64*: deterministic, so a failure can be replayed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Du) >> 32) % below;
}

static void random_event(app *a)
{
    float w = (float)probe_gfx(a)->width, h = (float)probe_gfx(a)->height;
    switch (rnd(10)) {
    case 0:
    case 1:
    case 2: /* a tap on something that does something: drives visits deep */
        if (probe_ui(a)->count > 0) {
            SDL_FRect r = probe_ui(a)->targets[rnd((uint32_t)probe_ui(a)->count)].rect;
            e2e_tap_at(a, r.x + r.w / 2, r.y + r.h / 2, rnd(2) ? E2E_TOUCH : E2E_MOUSE);
        }
        break;
    case 3: /* a tap anywhere */
        e2e_tap_at(a, (float)rnd((uint32_t)w), (float)rnd((uint32_t)h),
                   rnd(2) ? E2E_TOUCH : E2E_MOUSE);
        break;
    case 4: { /* a swipe: press here, release there */
        SDL_Event down = {0}, up = {0};
        down.type = SDL_FINGERDOWN;
        down.tfinger.fingerId = 3;
        down.tfinger.x = (float)rnd(1000) / 1000.0f;
        down.tfinger.y = (float)rnd(1000) / 1000.0f;
        up = down;
        up.type = SDL_FINGERUP;
        up.tfinger.x = (float)rnd(1000) / 1000.0f;
        up.tfinger.y = (float)rnd(1000) / 1000.0f;
        app_handle_event(a, &down);
        e2e_run(a, rnd(800));
        app_handle_event(a, &up);
        break;
    }
    case 5: { /* a long press anywhere, sometimes in the staff corner */
        SDL_Event down = {0};
        down.type = SDL_MOUSEBUTTONDOWN;
        down.button.button = SDL_BUTTON_LEFT;
        down.button.x = rnd(4) ? (int)rnd((uint32_t)w) : 5;
        down.button.y = rnd(4) ? (int)rnd((uint32_t)h) : 5;
        SDL_Event up = down;
        up.type = SDL_MOUSEBUTTONUP;
        app_handle_event(a, &down);
        e2e_run(a, 1000 + rnd(6000));
        app_handle_event(a, &up);
        break;
    }
    default: { /* keys, the dangerous ones included */
        static const SDL_Keycode keys[] = {
            SDLK_TAB, SDLK_RETURN, SDLK_SPACE, SDLK_ESCAPE, SDLK_LEFT,      SDLK_RIGHT,
            SDLK_UP,  SDLK_DOWN,   SDLK_p,     SDLK_0,      SDLK_5,         SDLK_9,
            SDLK_F4,  SDLK_q,      SDLK_w,     SDLK_e,      SDLK_BACKSPACE, SDLK_AC_BACK};
        static const Uint16 mods[] = {
            0, 0, 0, KMOD_LALT, KMOD_LCTRL, KMOD_LSHIFT, KMOD_LCTRL | KMOD_LALT};
        e2e_key(a, keys[rnd(sizeof keys / sizeof *keys)], mods[rnd(sizeof mods / sizeof *mods)]);
        break;
    }
    }
}

static void hours_of_random_use(void **state)
{
    /* A PIN no random sequence will type: the staff screen (and its Close) stays shut. */
    char hash[STAFF_PIN_HASH_SIZE], path[] = "/tmp/ease-random-XXXXXX.yaml";
    assert_true(staff_pin_hash("73915246", hash, sizeof hash));
    int fd = mkstemps(path, 5);
    FILE *config = fdopen(fd, "w");
    fprintf(config, "idle: 30s\nstaff-pin: \"%s\"\n", hash);
    fclose(config);
    app *a = e2e_open(1024, 600, path, 8000);
    /* EASE_RANDOM_MINUTES lengthens a run by hand (the suite's default is two hours). */
    const char *minutes_text = getenv("EASE_RANDOM_MINUTES");
    int64_t minutes = minutes_text ? atoll(minutes_text) : 120;
    const int64_t total_ms = minutes * 60 * 1000;
    size_t warm = 0, events = 0;
    size_t screens_seen[FLOW_SCREEN_COUNT] = {0};
    while (probe_now_ms(a) < total_ms) {
        random_event(a);
        events++;
        /* Sometimes a long quiet spell: the kiosk must time out and return on its own. */
        e2e_run(a, rnd(25) == 0 ? 20000 + rnd(200000) : rnd(3000));
        if (!probe_flow(a)->quit_requested && probe_flow(a)->screen >= FLOW_SCREEN_COUNT)
            fail_msg("left the screens after %zu events", events);
        if (probe_flow(a)->quit_requested)
            fail_msg("random input closed the kiosk after %zu events", events);
        if ((probe_flow(a)->screen == FLOW_PLAY || probe_flow(a)->screen == FLOW_CONFIRM_STOP) &&
            !probe_flow(a)->plan)
            fail_msg("playing with no plan after %zu events", events);
        screens_seen[probe_flow(a)->screen]++;
        /* By half-time every cache is long full, but for the rendered lines of text: with many
         * routines in two languages they may still be filling towards their bound
         * (TEXT_CACHE_BYTES), so the pixels they hold are left out of both readings. */
        if (!warm && probe_now_ms(a) > total_ms / 2)
            warm = heap_in_use() - text_cache_bytes(probe_text(a));
    }
    size_t end = heap_in_use() - text_cache_bytes(probe_text(a));
    printf("# rendered text held at the end: %zu bytes\n", text_cache_bytes(probe_text(a)));
    printf("# %zu events over %lld virtual minutes; %zu visits ended; heap %zu -> %zu bytes\n",
           events, (long long)minutes, probe_flow(a)->visits_ended, warm, end);
    for (int s = 0; s < FLOW_SCREEN_COUNT; s++)
        printf("#   %-12s %zu\n", flow_screen_name((flow_screen)s), screens_seen[s]);
    /* Visits happened, most screens were reached, and memory did not creep. */
    assert_true(probe_flow(a)->visits_ended > 3);
    assert_true(screens_seen[FLOW_PLAY] > 0 && screens_seen[FLOW_RATE_AFTER] > 0);
    if (end > warm + 512 * 1024)
        fail_msg("the heap grew from %zu to %zu bytes", warm, end);
    e2e_close(a);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hours_of_random_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
