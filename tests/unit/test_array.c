#include "test_support.h"

#include <stdint.h>

#include "array.h"

static void room_is_made_by_doubling_and_kept(void **state)
{
    (void)state;
    int *items = NULL;
    size_t capacity = 0;
    int *grown = array_grow(items, &capacity, 1, sizeof *grown);
    assert_non_null(grown);
    assert_int_equal(capacity, 16);
    items = grown;
    for (int i = 0; i < 16; i++)
        items[i] = i;
    /* Room enough: the same array, untouched. */
    assert_ptr_equal(array_grow(items, &capacity, 16, sizeof *items), items);
    assert_int_equal(capacity, 16);
    /* One more: doubled, with what was there kept. */
    grown = array_grow(items, &capacity, 17, sizeof *grown);
    assert_non_null(grown);
    assert_int_equal(capacity, 32);
    items = grown;
    for (int i = 0; i < 16; i++)
        assert_int_equal(items[i], i);
    /* Far more at once: doubled until it fits. */
    grown = array_grow(items, &capacity, 100, sizeof *grown);
    assert_non_null(grown);
    assert_int_equal(capacity, 128);
    items = grown;
    assert_int_equal(items[15], 15);
    free(items);
}

static void too_large_leaves_the_array_as_it_was(void **state)
{
    (void)state;
    int *items = NULL;
    size_t capacity = 0;
    items = array_grow(items, &capacity, 1, sizeof *items);
    assert_non_null(items);
    items[0] = 7;
    /* More bytes than there are: refused, the array and its capacity as they were. */
    assert_null(array_grow(items, &capacity, SIZE_MAX / 2, sizeof *items));
    assert_int_equal(capacity, 16);
    assert_int_equal(items[0], 7);
    free(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(room_is_made_by_doubling_and_kept),
        cmocka_unit_test(too_large_leaves_the_array_as_it_was),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
