/* libFuzzer target: any bytes as kiosk.yaml, read the kiosk's way (defaults, then config_load
 * over them, every key through its reader). Whatever the file holds, the configuration that
 * comes out must be whole: every string set, the language one of the languages, values in their
 * ranges, the PIN either absent or a recognised hash. Everything is freed (-detect_leaks=1). */
#include <assert.h>

#include "config.h"
#include "fuzz_scratch.h"
#include "staff_pin.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_scratch_init("kiosk.yaml");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_scratch_write(data, size))
        return 0;
    ease_config cfg;
    if (!config_defaults(&cfg, "/usr/share/ease/routines", "/var/lib/ease"))
        return 0;
    diag_list diag;
    diag_init(&diag);
    config_load(&cfg, fuzz_scratch_file, &diag);
    /* A broken file never leaves a half-made configuration behind. */
    if (!cfg.clinic || !cfg.kiosk || !cfg.data_dir || cfg.language_count < 1 ||
        cfg.language_count > CONFIG_MAX_LANGUAGES || cfg.routine_dir_count < 1 ||
        cfg.routine_dir_count > CONFIG_MAX_ROUTINE_DIRS || cfg.volume < 0 || cfg.volume > 100 ||
        cfg.idle_ms < 15000 ||
        (cfg.staff_pin_hash && !staff_pin_hash_recognised(cfg.staff_pin_hash)))
        abort();
    bool offered = false;
    for (size_t i = 0; i < cfg.language_count; i++)
        offered |= !strcmp(cfg.languages[i], cfg.language);
    if (!offered)
        abort();
    for (size_t i = 0; i < cfg.routine_dir_count; i++)
        if (!cfg.routine_dirs[i])
            abort();
    config_free(&cfg);
    diag_free(&diag);
    return 0;
}
