/* corpus.h — replay a fuzz corpus directory through a target's property check, without a
 * fuzzer (shared by the corpus-replay tests). */
#ifndef ENT_TEST_CORPUS_H
#define ENT_TEST_CORPUS_H

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Runs one(buf, len) on every file of dir (0 = every property holds) and asserts the
 * corpus has at least min_files files. */
static void replay_corpus(const char *dir, int (*one)(const uint8_t *, size_t), int min_files)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    struct dirent *de;
    int count = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
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
        int bad = one(buf, len);
        cr_expect_eq(bad, 0, "%s: property %d failed", path, bad);
        free(buf);
        count++;
    }
    closedir(d);
    cr_assert_geq(count, min_files, "%s has only %d files", dir, count);
}

#endif
