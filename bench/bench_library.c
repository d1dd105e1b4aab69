/* bench_library: how fast the kiosk gets from a folder of routine files to playable plans.
 *
 * It writes N routine files (copies of the bundled routines, each with its own id) to a fresh
 * temporary folder, loads the shared poses once, then times library_load plus plan_compile of
 * every routine at every level, several rounds over. It prints the median and best round, the
 * peak memory, and whether the target from the issue is met:
 *
 *     1,000 files loaded, checked and planned in under half a second on one core.
 *
 * A missed target is reported, not treated as a failure: timing depends on the machine and on
 * what else it is doing. Only a real error (files that cannot be written or do not load cleanly)
 * exits with status 1. */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "library.h"
#include "plan.h"
#include "pose.h"
#include "source_file.h"

#ifndef EASE_SOURCE_DIR
#error "EASE_SOURCE_DIR must name the source tree (bench/CMakeLists.txt sets it)"
#endif
#ifndef EASE_BUILD_TYPE
#define EASE_BUILD_TYPE "unknown"
#endif

enum {
    TARGET_FILES = 1000,
    TARGET_MS = 500,
    DEFAULT_ROUNDS = 5,
    MAX_ROUNDS = 1000,
    MAX_FILES = 1000000,
    TEMPLATE_MAX_BYTES = 1 << 20,
};

typedef struct {
    size_t files;
    int rounds;
    const char *source_dir; /* the routines to vary */
    bool keep;
} options;

/* One bundled routine, split around its top-level 'id:' line so copies differ only there. */
typedef struct {
    char *id;
    unsigned char *data;
    size_t size;
    size_t id_line_start, id_line_end; /* [start, end) includes the line's newline */
} routine_template;

typedef struct {
    routine_template *items;
    size_t count;
} template_list;

/* One timed round. */
typedef struct {
    double total_ms, load_ms, plan_ms, cpu_ms;
    size_t routines, plans;
    size_t heap_before, heap_after_load; /* bytes of heap in use */
    size_t warnings;
} round_result;

/* ---- command line ---------------------------------------------------------------------- */

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bench_library [--files N] [--rounds R] [--dir DIR] [--keep]\n"
            "  --files N   routine files to generate (default %d)\n"
            "  --rounds R  timed rounds; the median and best are reported (default %d)\n"
            "  --dir DIR   routines to vary (default the bundled %s/routines)\n"
            "  --keep      leave the generated folder in place and print its path\n",
            TARGET_FILES, DEFAULT_ROUNDS, EASE_SOURCE_DIR);
}

static bool parse_count(const char *text, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno || end == text || *end || value < 1 || value > max)
        return false;
    *out = value;
    return true;
}

/* Returns 0 to run, 1 on a usage error, 2 when help was asked for. */
static int parse_options(int argc, char **argv, options *opt)
{
    *opt = (options){
        .files = TARGET_FILES, .rounds = DEFAULT_ROUNDS, .source_dir = EASE_SOURCE_DIR "/routines"};
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        long n = 0;
        if (!strcmp(arg, "--keep")) {
            opt->keep = true;
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            return 2;
        } else if (!strcmp(arg, "--files") && value && parse_count(value, MAX_FILES, &n)) {
            opt->files = (size_t)n;
            i++;
        } else if (!strcmp(arg, "--rounds") && value && parse_count(value, MAX_ROUNDS, &n)) {
            opt->rounds = (int)n;
            i++;
        } else if (!strcmp(arg, "--dir") && value) {
            opt->source_dir = value;
            i++;
        } else {
            fprintf(stderr, "bench_library: bad or incomplete option '%s'\n", arg);
            return 1;
        }
    }
    return 0;
}

/* ---- templates: the bundled routines ---------------------------------------------------- */

/* Finds the top-level 'id:' line (at the start of a line, not indented) and the id on it. */
static bool template_find_id(routine_template *t)
{
    const char *text = (const char *)t->data;
    for (size_t start = 0; start < t->size;) {
        const char *nl = memchr(text + start, '\n', t->size - start);
        size_t end = nl ? (size_t)(nl - text) + 1 : t->size;
        if (end - start > 3 && !memcmp(text + start, "id:", 3)) {
            size_t from = start + 3;
            while (from < end && text[from] == ' ')
                from++;
            size_t len = strspn(text + from, "abcdefghijklmnopqrstuvwxyz0123456789-");
            if (len == 0 || from + len > end)
                return false;
            t->id = strndup(text + from, len);
            t->id_line_start = start;
            t->id_line_end = end;
            return t->id != NULL;
        }
        start = end;
    }
    return false;
}

static void templates_free(template_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].id);
        free(list->items[i].data);
    }
    free(list->items);
    *list = (template_list){0};
}

static bool templates_load(template_list *list, const char *dir)
{
    diag_list diag;
    diag_init(&diag);
    source_file_list files = {0};
    bool ok = source_file_list_yaml(&files, dir, &diag) && files.count > 0;
    list->items = ok ? calloc(files.count, sizeof *list->items) : NULL;
    ok = ok && list->items;
    for (size_t i = 0; ok && i < files.count; i++) {
        routine_template *t = &list->items[list->count++];
        ok = source_file_read(files.paths[i], TEMPLATE_MAX_BYTES, &t->data, &t->size, &diag);
        if (ok && !template_find_id(t)) {
            fprintf(stderr, "bench_library: %s: no top-level 'id:' line to rewrite\n",
                    files.paths[i]);
            ok = false;
        }
    }
    if (!ok) {
        diag_print(&diag, stderr);
        fprintf(stderr, "bench_library: no usable routine files in %s\n", dir);
    }
    source_file_list_free(&files);
    diag_free(&diag);
    return ok;
}

/* ---- the generated folder --------------------------------------------------------------- */

/* The i-th generated file: template i modulo the count, named and identified "<id>-<i>". */
static int variant_path(char *buf, size_t size, const char *dir, const template_list *list,
                        size_t i)
{
    return snprintf(buf, size, "%s/%s-%04zu.yaml", dir, list->items[i % list->count].id, i);
}

static bool write_variant(const char *dir, const template_list *list, size_t i)
{
    const routine_template *t = &list->items[i % list->count];
    char path[PATH_MAX];
    if (variant_path(path, sizeof path, dir, list, i) >= (int)sizeof path)
        return false;
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "bench_library: cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    /* Only the id changes, so the library refuses no duplicates and the work per file is the
     * same as for the bundled routine it copies. */
    fwrite(t->data, 1, t->id_line_start, f);
    fprintf(f, "id: %s-%04zu\n", t->id, i);
    fwrite(t->data + t->id_line_end, 1, t->size - t->id_line_end, f);
    bool ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    if (!ok)
        fprintf(stderr, "bench_library: cannot write %s\n", path);
    return ok;
}

/* Removes exactly the files we wrote, then the folder: never a recursive delete of a path. */
static void remove_variants(const char *dir, const template_list *list, size_t count)
{
    char path[PATH_MAX];
    for (size_t i = 0; i < count; i++)
        if (variant_path(path, sizeof path, dir, list, i) < (int)sizeof path)
            unlink(path);
    if (rmdir(dir) != 0)
        fprintf(stderr, "bench_library: could not remove %s: %s\n", dir, strerror(errno));
}

/* Writes the files into a new folder under $TMPDIR (or /tmp); dir receives its path. Returns
 * how many files were written, so a partial folder can still be removed. */
static size_t generate_variants(char *dir, size_t dir_size, const template_list *list, size_t count)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    if (snprintf(dir, dir_size, "%s/ease-bench-XXXXXX", tmp) >= (int)dir_size || !mkdtemp(dir)) {
        fprintf(stderr, "bench_library: cannot create a folder under %s: %s\n", tmp,
                strerror(errno));
        dir[0] = '\0';
        return 0;
    }
    size_t written = 0;
    while (written < count && write_variant(dir, list, written))
        written++;
    return written;
}

/* ---- measuring -------------------------------------------------------------------------- */

static double clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static size_t heap_in_use(void)
{
    return mallinfo2().uordblks;
}

/* Plans every routine at every level, freeing each plan at once, as the kiosk does when it
 * checks a library; returns false on the first plan that fails. */
static bool plan_all(const routine_library *lib, const pose_library *poses, diag_list *diag,
                     size_t *plans)
{
    for (size_t i = 0; i < lib->count; i++) {
        const routine *r = lib->routines[i];
        for (int level = 1; level <= r->levels; level++) {
            plan *p = NULL;
            if (!plan_compile(r, poses, level, &p, diag)) {
                fprintf(stderr, "bench_library: %s does not plan at level %d\n", r->path, level);
                return false;
            }
            plan_free(p);
            (*plans)++;
        }
    }
    return true;
}

/* One timed round: load, check and plan the whole folder. False on a real error. */
static bool run_round(const char *dir, const pose_library *poses, size_t expected,
                      round_result *out)
{
    routine_library lib;
    diag_list diag;
    library_init(&lib);
    diag_init(&diag);
    *out = (round_result){.heap_before = heap_in_use()};

    double wall0 = clock_ms(CLOCK_MONOTONIC), cpu0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    bool ok = library_load(&lib, dir, poses, &diag);
    double wall1 = clock_ms(CLOCK_MONOTONIC);
    ok = ok && plan_all(&lib, poses, &diag, &out->plans);
    double wall2 = clock_ms(CLOCK_MONOTONIC), cpu2 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);

    /* Read after the clocks stop; the plans are freed by now, so this is the library alone. */
    out->heap_after_load = heap_in_use();
    out->load_ms = wall1 - wall0;
    out->plan_ms = wall2 - wall1;
    out->total_ms = wall2 - wall0;
    out->cpu_ms = cpu2 - cpu0;
    out->routines = lib.count;
    out->warnings = diag.warnings;

    if (diag.errors > 0 || lib.count != expected) {
        diag_print(&diag, stderr);
        fprintf(stderr, "bench_library: %zu of %zu files loaded, %zu errors\n", lib.count, expected,
                diag.errors);
        ok = false;
    }
    library_free(&lib);
    diag_free(&diag);
    return ok;
}

/* ---- reporting -------------------------------------------------------------------------- */

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts values in place; returns the median. */
static double median(double *values, int n)
{
    qsort(values, (size_t)n, sizeof *values, compare_double);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Median of one field across the rounds. */
static double median_of(const round_result *rounds, int n, size_t offset)
{
    double *values = malloc((size_t)n * sizeof *values);
    if (!values)
        return 0;
    for (int i = 0; i < n; i++)
        values[i] = *(const double *)((const char *)&rounds[i] + offset);
    double m = median(values, n);
    free(values);
    return m;
}

static double best_of(const round_result *rounds, int n, size_t offset)
{
    double best = *(const double *)((const char *)&rounds[0] + offset);
    for (int i = 1; i < n; i++) {
        double v = *(const double *)((const char *)&rounds[i] + offset);
        if (v < best)
            best = v;
    }
    return best;
}

static void print_timing(const char *which, double total_ms, double cpu_ms, size_t routines,
                         size_t plans)
{
    double seconds = total_ms / 1e3;
    printf("%s_total: %.1f ms\n", which, total_ms);
    printf("%s_routines_per_second: %.0f routines/s\n", which, (double)routines / seconds);
    printf("%s_plans_per_second: %.0f plans/s\n", which, (double)plans / seconds);
    printf("%s_per_routine: %.1f us\n", which, total_ms * 1e3 / (double)routines);
    printf("%s_cpu: %.1f ms\n", which, cpu_ms);
}

static double mib(double bytes)
{
    return bytes / (1024.0 * 1024.0);
}

/* Cores this process may run on: 1 under 'taskset -c 0', the honest "one core" run. */
static int cores_allowed(void)
{
    cpu_set_t set;
    return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : -1;
}

static void print_memory(const round_result *last)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("peak_rss: %.1f MiB\n", mib((double)usage.ru_maxrss * 1024.0)); /* KiB on Linux */
    printf("heap_after_load: %.1f MiB\n", mib((double)last->heap_after_load));
    printf("heap_library: %.1f MiB\n",
           mib((double)last->heap_after_load - (double)last->heap_before));
}

/* The target is for 1,000 files; other counts are judged at the same time per file. */
static void print_verdict(size_t files, double median_ms)
{
    double scaled = median_ms * TARGET_FILES / (double)files;
    printf("target: %d files in < %d ms on one core: %s (median %.1f ms", TARGET_FILES, TARGET_MS,
           scaled < TARGET_MS ? "met" : "not met", median_ms);
    if (files != TARGET_FILES)
        printf(" for %zu files, %.1f ms per %d", files, scaled, TARGET_FILES);
    printf(")\n");
}

static void report(const options *opt, const round_result *rounds)
{
    int n = opt->rounds;
    const round_result *last = &rounds[n - 1];
    double med_total = median_of(rounds, n, offsetof(round_result, total_ms));

    printf("build: %s\n", EASE_BUILD_TYPE);
    printf("cores_allowed: %d\n", cores_allowed());
    printf("files: %zu\n", last->routines);
    printf("plans: %zu per round\n", last->plans);
    printf("rounds: %d\n", n);
    printf("warnings: %zu per round\n", last->warnings);
    print_timing("median", med_total, median_of(rounds, n, offsetof(round_result, cpu_ms)),
                 last->routines, last->plans);
    printf("median_load: %.1f ms\n", median_of(rounds, n, offsetof(round_result, load_ms)));
    printf("median_plan: %.1f ms\n", median_of(rounds, n, offsetof(round_result, plan_ms)));
    print_timing("best", best_of(rounds, n, offsetof(round_result, total_ms)),
                 best_of(rounds, n, offsetof(round_result, cpu_ms)), last->routines, last->plans);
    print_memory(last);
    print_verdict(opt->files, med_total);
}

/* ---- main ------------------------------------------------------------------------------- */

static bool load_poses(pose_library *poses)
{
    diag_list diag;
    diag_init(&diag);
    bool ok = pose_library_load_dir(poses, EASE_SOURCE_DIR "/assets/poses", &diag);
    if (!ok) {
        diag_print(&diag, stderr);
        fprintf(stderr, "bench_library: the shared poses do not load\n");
    }
    diag_free(&diag);
    return ok;
}

static bool run_rounds(const char *dir, const pose_library *poses, const options *opt,
                       round_result *rounds)
{
    for (int i = 0; i < opt->rounds; i++)
        if (!run_round(dir, poses, opt->files, &rounds[i]))
            return false;
    return true;
}

int main(int argc, char **argv)
{
    options opt;
    int parsed = parse_options(argc, argv, &opt);
    if (parsed) {
        usage(parsed == 2 ? stdout : stderr);
        return parsed == 2 ? 0 : 1;
    }

    template_list templates = {0};
    pose_library poses;
    pose_library_init(&poses);
    round_result *rounds = calloc((size_t)opt.rounds, sizeof *rounds);
    char dir[PATH_MAX] = "";
    size_t written = 0;
    bool ok = rounds && templates_load(&templates, opt.source_dir) && load_poses(&poses);
    if (ok) {
        written = generate_variants(dir, sizeof dir, &templates, opt.files);
        ok = written == opt.files && run_rounds(dir, &poses, &opt, rounds);
    }
    if (ok)
        report(&opt, rounds);

    if (dir[0] && opt.keep)
        printf("kept: %s\n", dir);
    else if (dir[0])
        remove_variants(dir, &templates, written);
    templates_free(&templates);
    pose_library_free(&poses);
    free(rounds);
    return ok ? 0 : 1;
}
