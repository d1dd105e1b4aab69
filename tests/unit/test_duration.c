#include "test_support.h"

#include "duration.h"

static void parses_the_forms_people_write(void **state)
{
    static const struct {
        const char *text;
        int64_t ms;
    } cases[] = {{"4s", 4000},        {"90s", 90000}, {"1m30s", 90000},  {"2.5s", 2500},
                 {"500ms", 500},      {"1m", 60000},  {"1h", 3600000},   {"4", 4000},
                 {"2.5", 2500},       {"0s", 0},      {"1m 30s", 90000}, {"1.5m", 90000},
                 {"1h2m3s", 3723000}, {"0.001s", 1},  {"1s500ms", 1500}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int64_t ms = -1;
        if (!duration_parse_ms(cases[i].text, &ms))
            fail_msg("\"%s\" should parse", cases[i].text);
        assert_int_equal(ms, cases[i].ms);
    }
}

static void refuses_everything_else_and_leaves_output_alone(void **state)
{
    static const char *const bad[] = {
        "",    "four", "30s1m", "1.2345s", "-3s",  "2.5ms", "4 s s",
        "s",   "4x",   "1..5s", ".5s",     "4s4s", "25h",   "99999999999999999999s",
        "1e3", "0x10", " ",     "1,5s"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int64_t ms = 12345;
        if (duration_parse_ms(bad[i], &ms))
            fail_msg("\"%s\" should be refused", bad[i]);
        assert_int_equal(ms, 12345);
    }
}

static void formats_for_people(void **state)
{
    char out[32];
    duration_format(90000, out, sizeof out);
    assert_string_equal(out, "1m30s");
    duration_format(2500, out, sizeof out);
    assert_string_equal(out, "2.5s");
    duration_format(0, out, sizeof out);
    assert_string_equal(out, "0s");
    duration_format(3723000, out, sizeof out);
    assert_string_equal(out, "1h2m3s");
    duration_format(60000, out, sizeof out);
    assert_string_equal(out, "1m");
    duration_format_clock(65250, true, out, sizeof out);
    assert_string_equal(out, "1:05.250");
    duration_format_clock(65250, false, out, sizeof out);
    assert_string_equal(out, "1:05");
}

static void formatted_times_parse_back(void **state)
{
    for (int64_t ms = 0; ms < 4000000; ms += 777) {
        char out[32];
        int64_t back = -1;
        duration_format(ms, out, sizeof out);
        assert_true(duration_parse_ms(out, &back));
        assert_int_equal(back, ms);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_the_forms_people_write),
        cmocka_unit_test(refuses_everything_else_and_leaves_output_alone),
        cmocka_unit_test(formats_for_people),
        cmocka_unit_test(formatted_times_parse_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
