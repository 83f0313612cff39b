/* provenance.c — content hashes for provenance: the SHA-256 of a buffer or a file, as
 * lowercase hex, computed with Nettle (Debian's nettle-dev). */
#include "entente.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

static void digest_hex(struct sha256_ctx *c, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(c, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[64] = '\0';
}

ENT_API char *ent_sha256_hex(const void *data, size_t len, char out[65])
{
    struct sha256_ctx c;
    sha256_init(&c);
    if (len)
        sha256_update(&c, len, data);
    digest_hex(&c, out);
    return out;
}

ENT_API int ent_sha256_file(const char *path, char out[65], ent_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        return ent_error_set(err, ENT_EIO, "%s: %s", path, strerror(e));
    }
    struct sha256_ctx c;
    sha256_init(&c);
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&c, n, buf);
    int bad = ferror(f);
    int e = errno;
    fclose(f);
    if (bad)
        return ent_error_set(err, ENT_EIO, "%s: %s", path, strerror(e));
    digest_hex(&c, out);
    return ENT_OK;
}
