/* libFuzzer target: any bytes as a language file (a clinic's lang/<code>.yaml), loaded the way
 * the kiosk loads its words: from a folder, over nothing. Then every string it holds is looked
 * up and formatted with a value, as the screens do. Everything is freed. */
#include "catalogue.h"
#include "fuzz_scratch.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_scratch_init("xx.yaml");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_scratch_write(data, size))
        return 0;
    catalogue cat;
    catalogue_init(&cat);
    diag_list diag;
    diag_init(&diag);
    catalogue_load_dir(&cat, fuzz_scratch_dir, &diag);
    char out[512];
    for (size_t l = 0; l < cat.count; l++)
        for (size_t k = 0; k < cat.languages[l].count; k++)
            catalogue_format(&cat, cat.languages[l].code, cat.languages[l].keys[k], out, sizeof out,
                             "n", "12", "file", "/var/lib/ease/staff-open", NULL);
    catalogue_free(&cat);
    diag_free(&diag);
    return 0;
}
