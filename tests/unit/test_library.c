#include "test_support.h"

#include <sys/stat.h>

#include "source_file.h"

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void keeps_the_good_reports_the_bad_and_refuses_twins(void **state)
{
    char dir[] = "/tmp/ease-library-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[600];
    snprintf(sub, sizeof sub, "%s/clinic", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    const char *good = "id: calm\ntitle: Calm\nkind: breathing\nsteps:\n  - rest: 10s\n";
    write_file(dir, "a-calm.yaml", good);
    write_file(sub, "calm-copy.yml", good);
    write_file(dir, "b-broken.yaml", "id: broken\ntitle: B\nkind: breathing\nsteps: []\n");
    write_file(dir, "c-other.yaml",
               "id: other\ntitle: Other\nkind: tai-chi\nsteps:\n  - rest: 10s\n");
    write_file(dir, "notes.txt", "not a routine");
    write_file(dir, ".hidden.yaml", "garbage: [");

    diag_list diag;
    diag_init(&diag);
    routine_library lib;
    library_init(&lib);
    assert_true(library_load(&lib, dir, NULL, &diag));
    assert_int_equal(lib.files_seen, 4);
    assert_int_equal(lib.count, 2);
    assert_int_equal(lib.files_rejected, 2);
    assert_non_null(library_find(&lib, "calm"));
    assert_non_null(library_find(&lib, "other"));
    assert_null(library_find(&lib, "broken"));
    assert_diag(&diag, 4, 8, "'steps' must list from 1 to 200 steps, got 0");
    /* The twin is named with the file that has the id first. */
    char expected[700];
    snprintf(expected, sizeof expected, "id 'calm' is already used by %s/a-calm.yaml:1:5", dir);
    assert_diag(&diag, 1, 5, expected);
    library_free(&lib);
    diag_free(&diag);

    library_init(&lib);
    diag_init(&diag);
    char missing[700];
    snprintf(missing, sizeof missing, "%s/nowhere", dir);
    assert_false(library_load(&lib, missing, NULL, &diag));
    assert_diag(&diag, 0, 0, "cannot open the folder");
    library_free(&lib);
    diag_free(&diag);
    char command[700];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

/* The folder watcher's reload: a routine whose file breaks keeps its last good version; a new
 * good file appears; a new broken one stays out; a deleted file's routine goes. */
static void a_broken_save_keeps_the_last_good_version(void **state)
{
    char dir[] = "/tmp/ease-library-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "calm.yaml", "id: calm\ntitle: Calm\nkind: breathing\nsteps:\n  - rest: 10s\n");
    write_file(dir, "gone.yaml", "id: gone\ntitle: Gone\nkind: breathing\nsteps:\n  - rest: 10s\n");
    diag_list diag;
    diag_init(&diag);
    routine_library old;
    library_init(&old);
    assert_true(library_load(&old, dir, NULL, &diag));
    assert_int_equal(old.count, 2);
    const routine *good = library_find(&old, "calm");

    /* Then: calm.yaml saved broken, gone.yaml deleted, a new good and a new broken file. */
    write_file(dir, "calm.yaml", "id: calm\ntitle: Calm\nkind: breathing\nsteps: []\n");
    char path[600];
    snprintf(path, sizeof path, "%s/gone.yaml", dir);
    assert_int_equal(unlink(path), 0);
    write_file(dir, "new.yaml", "id: new\ntitle: New\nkind: tai-chi\nsteps:\n  - rest: 10s\n");
    write_file(dir, "new-broken.yaml", "id: nb\ntitle: NB\nkind: tai-chi\nsteps: 3\n");
    diag_clear(&diag);
    routine_library fresh;
    library_init(&fresh);
    assert_true(library_load(&fresh, dir, NULL, &diag));
    assert_int_equal(fresh.count, 1);
    assert_int_equal(library_merge_last_good(&fresh, &old, &diag), 1);
    assert_int_equal(fresh.count, 2);
    assert_ptr_equal(library_find(&fresh, "calm"), good); /* the very same, last good */
    assert_non_null(library_find(&fresh, "new"));
    assert_null(library_find(&fresh, "gone"));
    assert_null(library_find(&fresh, "nb"));
    assert_int_equal(old.count, 1); /* gone's routine stays with old, to be freed */
    library_free(&old);
    assert_int_equal(fresh.routines[1]->levels, 1); /* still whole after old is freed */

    /* A second broken save in a row: still the same last good version. */
    library_init(&old);
    old = fresh;
    library_init(&fresh);
    diag_clear(&diag);
    assert_true(library_load(&fresh, dir, NULL, &diag));
    assert_int_equal(library_merge_last_good(&fresh, &old, &diag), 1);
    assert_ptr_equal(library_find(&fresh, "calm"), good);
    library_free(&old);

    /* Its id taken by another file meanwhile: the file that loads wins. */
    write_file(dir, "a-calm-too.yaml",
               "id: calm\ntitle: Calm too\nkind: breathing\nsteps:\n  - rest: 20s\n");
    old = fresh;
    library_init(&fresh);
    diag_clear(&diag);
    assert_true(library_load(&fresh, dir, NULL, &diag));
    assert_int_equal(library_merge_last_good(&fresh, &old, &diag), 0);
    assert_string_equal(library_find(&fresh, "calm")->path + strlen(dir), "/a-calm-too.yaml");
    library_free(&old);
    library_free(&fresh);
    diag_free(&diag);
    char command[700];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

/* Links back up the tree are walked once (by device and inode), a link out of the library is
 * never read, and the folder walk finds each folder once. */
static void links_are_followed_once_and_never_out_of_the_library(void **state)
{
    char dir[] = "/tmp/ease-library-XXXXXX", outside[] = "/tmp/ease-outside-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_non_null(mkdtemp(outside));
    char path[700], target[700];
    snprintf(path, sizeof path, "%s/sub", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    write_file(path, "calm.yaml",
               "id: calm\ntitle: Calm\nkind: breathing\nsteps:\n  - rest: 10s\n");
    const char *loops[] = {"a", "b", "sub/c"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, loops[i]);
        assert_int_equal(symlink(i == 2 ? ".." : ".", path), 0);
    }
    write_file(outside, "secret.yaml", "root:SECRET:1:2\n");
    snprintf(target, sizeof target, "%s/secret.yaml", outside);
    snprintf(path, sizeof path, "%s/secret.yaml", dir);
    assert_int_equal(symlink(target, path), 0);
    snprintf(path, sizeof path, "%s/elsewhere", dir);
    assert_int_equal(symlink(outside, path), 0);

    diag_list diag;
    diag_init(&diag);
    source_file_list files = {0}, folders = {0};
    assert_true(source_file_list_tree(&files, &folders, dir, &diag));
    assert_int_equal(files.count, 1); /* sub/calm.yaml, once */
    assert_non_null(strstr(files.paths[0], "calm.yaml"));
    assert_int_equal(folders.count, 1); /* sub, once */
    source_file_list_free(&files);
    source_file_list_free(&folders);
    for (size_t i = 0; i < diag.count; i++)
        assert_null(strstr(diag.entries[i].message, "SECRET"));
    diag_clear(&diag);

    routine_library lib;
    library_init(&lib);
    library_load(&lib, dir, NULL, &diag);
    assert_int_equal(lib.count, 1);
    assert_int_equal(lib.files_rejected, 1);
    assert_int_equal(diag.errors, 1);
    for (size_t i = 0; i < diag.count; i++)
        assert_null(strstr(diag.entries[i].message, "SECRET"));
    library_free(&lib);
    /* Named directly, the link is refused before it is read. */
    diag_clear(&diag);
    library_init(&lib);
    snprintf(path, sizeof path, "%s/secret.yaml", dir);
    assert_false(library_add_file(&lib, path, dir, NULL, &diag));
    assert_int_equal(diag.errors, 1);
    assert_non_null(strstr(diag.entries[0].message, "leads out of the routine library"));
    library_free(&lib);
    diag_free(&diag);
    char command[1600];
    snprintf(command, sizeof command, "rm -rf '%s' '%s'", dir, outside);
    assert_int_equal(system(command), 0);
}

/* Ease reads only regular files: a FIFO is refused at once, never waited on. */
static void a_fifo_is_refused_without_waiting(void **state)
{
    char dir[] = "/tmp/ease-library-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[600];
    snprintf(path, sizeof path, "%s/fifo.yaml", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    diag_list diag;
    diag_init(&diag);
    unsigned char *data = NULL;
    size_t size = 0;
    assert_false(source_file_read(path, 1024, &data, &size, &diag));
    assert_null(data);
    assert_int_equal(diag.errors, 1);
    assert_non_null(strstr(diag.entries[0].message, "is a named pipe (FIFO), not a file"));
    assert_false(source_file_is_regular(path));
    assert_false(source_file_read(dir, 1024, &data, &size, &diag));
    assert_non_null(strstr(diag.entries[1].message, "is a folder, not a file"));
    diag_free(&diag);
    unlink(path);
    rmdir(dir);
}

/* "x-v2.yaml" copied beside "x.yaml" sorts first, but the copy is the one refused; a routine
 * with none of a language the others have is warned of. */
static void the_file_named_for_the_id_keeps_it(void **state)
{
    char dir[] = "/tmp/ease-library-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "calm.yaml",
               "id: calm\ntitle: {en: Calm, es: Calma}\nkind: breathing\nsteps:\n  - rest: 10s\n");
    write_file(dir, "calm-v2.yaml",
               "id: calm\ntitle: {en: Calm 2, es: Calma 2}\nkind: breathing\nsteps:\n"
               "  - rest: 20s\n");
    write_file(dir, "solo.yaml",
               "id: solo\ntitle: {es: Solo}\nkind: breathing\nsteps:\n"
               "  - rest: 10s\n");
    diag_list diag;
    diag_init(&diag);
    routine_library lib;
    library_init(&lib);
    assert_true(library_load(&lib, dir, NULL, &diag));
    assert_int_equal(lib.count, 2);
    assert_int_equal(lib.files_rejected, 1);
    const routine *calm = library_find(&lib, "calm");
    assert_non_null(calm);
    assert_non_null(strstr(calm->path, "/calm.yaml"));
    char expected[700];
    snprintf(expected, sizeof expected,
             "id 'calm' is already used by %s/calm.yaml:1:5, the file named for it", dir);
    assert_diag(&diag, 1, 5, expected);
    assert_diag(&diag, 2, 8, "this routine has no 'en' version, though others in the library have");
    assert_int_equal(diag.warnings, 1);
    library_free(&lib);
    diag_free(&diag);
    char command[700];
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_file_named_for_the_id_keeps_it),
        cmocka_unit_test(keeps_the_good_reports_the_bad_and_refuses_twins),
        cmocka_unit_test(a_broken_save_keeps_the_last_good_version),
        cmocka_unit_test(links_are_followed_once_and_never_out_of_the_library),
        cmocka_unit_test(a_fifo_is_refused_without_waiting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
