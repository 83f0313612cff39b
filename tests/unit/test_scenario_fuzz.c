/* test_scenario_fuzz.c — replays the fuzz corpus tests/fuzz/corpus/scenario/ through the
 * libFuzzer target's property check (tests/fuzz/fuzz_scenario.c, included here), without
 * a fuzzer. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENT_FUZZ_REPLAY
#include "../fuzz/fuzz_scenario.c"

#define SCORPUS "tests/fuzz/corpus/scenario"

Test(scenario_fuzz, replay_corpus)
{
    DIR *d = opendir(SCORPUS);
    cr_assert_not_null(d, "cannot open " SCORPUS);
    struct dirent *de;
    int count = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SCORPUS, de->d_name);
        FILE *f = fopen(path, "rb");
        cr_assert_not_null(f, "%s", path);
        uint8_t *buf = NULL;
        size_t len = 0, cap = 0, n;
        do {
            if (len == cap) {
                cap = cap ? 2 * cap : 4096;
                buf = realloc(buf, cap);
                cr_assert_not_null(buf);
            }
            n = fread(buf + len, 1, cap - len, f);
            len += n;
        } while (n > 0);
        fclose(f);
        int bad = scenario_fuzz_one(buf, len);
        cr_expect_eq(bad, 0, "%s: property %d failed", path, bad);
        free(buf);
        count++;
    }
    closedir(d);
    cr_assert_geq(count, 60, "corpus has only %d files", count);
}
