/* gambit_text.c — the lexer, number parser and number/string writers shared by the
 * Gambit .nfg and .efg readers and writers (see gambit_text.h). Numbers are kept as exact
 * 64-bit fractions where they fit; the double of an exact value is computed the same way
 * whatever text it came from, so written files read back bit for bit. */
#include "gambit_text.h"

#include <errno.h>
#include <gmp.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define TWO53 9007199254740992.0
/* ------------------------------------------------------------------ gt_lexer */



int gt_fail(gt_lexer *L, unsigned long long line, int status, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ent_error_set(L->err, status, "%s:%llu: %s", L->name, line, msg);
}

int gt_refill(gt_lexer *L)
{
    if (!L->f || L->eof)
        return 0;
    size_t n = fread(L->chunk, 1, GT_CHUNK, L->f);
    if (n == 0) {
        L->eof = 1;
        if (ferror(L->f))
            L->ioerr = errno ? errno : EIO;
        return 0;
    }
    L->p = L->chunk;
    L->end = L->chunk + n;
    return 1;
}


static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
           c == ',';
}

static int is_tokchar(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '.' || c == '+' || c == '-' || c == '/' || c == '_';
}

/* Quote s (at most 24 bytes shown, non-printables as '?') into buf. */
void gt_show(char *buf, size_t cap, const char *s, size_t len)
{
    size_t j = 0, lim = len > 24 ? 24 : len;
    for (size_t i = 0; i < lim && j + 2 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[j++] = (c >= 32 && c < 127) ? (char)c : '?';
    }
    if (lim < len && j + 5 < cap) {
        memcpy(buf + j, "...", 3);
        j += 3;
    }
    buf[j] = '\0';
}

/* Human description of the current token, for "found X" messages. */
const char *gt_describe(const gt_lexer *L, char *buf, size_t cap)
{
    char s[40];
    switch (L->kind) {
    case T_EOF:
        snprintf(buf, cap, "the end of the file");
        break;
    case T_LBRACE:
        snprintf(buf, cap, "'{'");
        break;
    case T_RBRACE:
        snprintf(buf, cap, "'}'");
        break;
    case T_STRING:
        gt_show(s, sizeof s, L->str.data ? L->str.data : "", L->str.len);
        snprintf(buf, cap, "the string \"%s\"", s);
        break;
    case T_NUMBER:
        gt_show(s, sizeof s, L->text, L->tlen);
        snprintf(buf, cap, "the number %s", s);
        break;
    case T_WORD:
        gt_show(s, sizeof s, L->text, L->tlen);
        snprintf(buf, cap, "'%s'", s);
        break;
    }
    return buf;
}

/* Read the next token into L. Returns ENT_OK or an error (message set). */
int gt_next_token(gt_lexer *L)
{
    int c;
    for (;;) {
        c = peekc(L);
        if (c == EOF || !is_space(c))
            break;
        if (c == '\n')
            L->line++;
        L->p++;
    }
    L->tline = L->line;
    if (c == EOF) {
        if (L->ioerr)
            return gt_fail(L, L->line, ENT_EIO, "read error: %s", strerror(L->ioerr));
        L->kind = T_EOF;
        return ENT_OK;
    }
    if (c == '{' || c == '}') {
        L->p++;
        L->kind = c == '{' ? T_LBRACE : T_RBRACE;
        return ENT_OK;
    }
    if (c == '"') {
        L->p++;
        L->str.len = 0;
        if (!ent_buf_reserve(&L->str, 0))
            return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory reading a string");
        L->str.data[0] = '\0';
        for (;;) {
            c = peekc(L);
            if (c == EOF) {
                if (L->ioerr)
                    return gt_fail(L, L->line, ENT_EIO, "read error: %s", strerror(L->ioerr));
                return gt_fail(L, L->tline, ENT_EPARSE,
                             "unterminated string (the file ends before its closing '\"')");
            }
            L->p++;
            if (c == '"')
                break;
            if (c == '\0')
                return gt_fail(L, L->line, ENT_EPARSE, "NUL byte inside a string");
            if (c == '\n')
                L->line++;
            if (c == '\\') {
                int d = peekc(L);
                if (d == '"' || d == '\\') {
                    L->p++;
                    c = d;
                }
            }
            if (L->str.len >= GT_MAX_STRING)
                return gt_fail(L, L->tline, ENT_ETOOBIG, "string longer than %d bytes",
                             GT_MAX_STRING);
            ent_buf_putc(&L->str, (char)c);
            if (L->str.failed)
                return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory reading a string");
        }
        L->kind = T_STRING;
        return ENT_OK;
    }
    if (is_tokchar(c)) {
        L->tlen = 0;
        while (c != EOF && is_tokchar(c)) {
            if (L->tlen == GT_MAX_TOKEN)
                return gt_fail(L, L->tline, ENT_EPARSE, "token longer than %d characters",
                             GT_MAX_TOKEN);
            L->text[L->tlen++] = (char)c;
            L->p++;
            c = peekc(L);
        }
        L->text[L->tlen] = '\0';
        c = (unsigned char)L->text[0];
        L->kind = ((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-') ? T_NUMBER
                                                                             : T_WORD;
        return ENT_OK;
    }
    if (c >= 33 && c < 127)
        return gt_fail(L, L->line, ENT_EPARSE, "unexpected character '%c'", c);
    return gt_fail(L, L->line, ENT_EPARSE, "unexpected byte 0x%02x (not a Gambit %s text file?)",
                 c, L->what);
}

/* ---------------------------------------------------------------- numbers */


static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static const double pow10_tab[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The double nearest a/b for integers a >= 0, b > 0 (ties to even), subnormal results
 * included; HUGE_VAL when it is beyond the largest double. Exact: the quotient is
 * computed to the 53 (or, below 2^-1022, fewer) bits the result holds, and the remainder
 * decides the rounding. */
static double ratio_to_double(const mpz_t a, const mpz_t b)
{
    if (mpz_sgn(a) == 0)
        return 0.0;
    mpz_t t, q, r;
    mpz_inits(t, q, r, NULL);
    /* e = floor(log2(a/b)): the binary exponent of the quotient */
    long e = (long)mpz_sizeinbase(a, 2) - (long)mpz_sizeinbase(b, 2);
    int below;
    if (e >= 0) {
        mpz_mul_2exp(t, b, (mp_bitcnt_t)e);
        below = mpz_cmp(a, t) < 0;
    } else {
        mpz_mul_2exp(t, a, (mp_bitcnt_t)-e);
        below = mpz_cmp(t, b) < 0;
    }
    e -= below;
    double v;
    if (e > 1023) {
        v = HUGE_VAL;
    } else if (e < -1075) {
        v = 0.0; /* below half the smallest subnormal */
    } else {
        /* p significant bits: 53, fewer for a subnormal result (at least 1: a quotient in
         * [2^-1075, 2^-1074) is computed as one bit at 2^-1075's place and rounded) */
        long p = e >= -1022 ? 53 : 53 - (-1022 - e);
        long sh = p - 1 - e; /* q = floor(a * 2^sh / b), in [2^(p-1), 2^p) */
        mpz_srcptr div = b;
        if (p < 1) { /* e == -1075: round 2^-1075 <= a/b < 2^-1074 to 0 or 2^-1074 */
            p = 1;
            sh = 1074;
        }
        if (sh >= 0) {
            mpz_mul_2exp(t, a, (mp_bitcnt_t)sh);
            mpz_tdiv_qr(q, r, t, b);
        } else {
            mpz_mul_2exp(t, b, (mp_bitcnt_t)-sh);
            mpz_tdiv_qr(q, r, a, t);
            div = t;
        }
        mpz_mul_2exp(r, r, 1);
        int c = mpz_cmp(r, div);
        uint64_t m = (uint64_t)mpz_get_ui(q);
        if (c > 0 || (c == 0 && (m & 1)))
            m++;
        v = ldexp((double)m, (int)-sh); /* exact: m has at most p bits, or is 2^p */
    }
    mpz_clears(t, q, r, NULL);
    return v;
}

/* The double of an exact fraction num/den (den > 0): correctly rounded, so that every
 * text of the same value (fraction, decimal, integer) gives the same bits. */
static double exact_to_double(int64_t num, int64_t den)
{
    if (den == 1)
        return (double)num;
    double an = fabs((double)num);
    if (an < TWO53 && (double)den < TWO53) /* both exact: one correctly rounded division */
        return (double)num / (double)den;
    mpz_t a, b;
    mpz_init_set_si(a, (long)num);
    mpz_init_set_si(b, (long)den);
    mpz_abs(a, a);
    double v = ratio_to_double(a, b);
    mpz_clears(a, b, NULL);
    return num < 0 ? -v : v;
}

/* Decimal digits accumulated as m * 10^pend0: trailing zeros are kept apart, so that
 * "1.500000000000000000000" does not overflow; over = m no longer fits 64 bits. */
typedef struct {
    uint64_t m;
    long pend0;
    int over;
} mantissa;

static void mant_flush(mantissa *t)
{
    for (; t->pend0 > 0 && !t->over && t->m; t->pend0--)
        t->over = !ent_mul_ok(t->m, 10, &t->m);
    t->pend0 = 0;
}

static void mant_digit(mantissa *t, int d)
{
    if (d == 0) {
        t->pend0++;
        return;
    }
    mant_flush(t);
    if (!t->over && (!ent_mul_ok(t->m, 10, &t->m) || t->m > UINT64_MAX - (uint64_t)d))
        t->over = 1;
    else if (!t->over)
        t->m += (uint64_t)d;
}

/* Parse a Gambit number: [+-] digits [. digits] [e [+-] digits], [+-] . digits [...],
 * or [+-] digits / digits. Returns ENT_OK, or ENT_EPARSE with a reason in *why. */
int gt_parse_number(const char *s, size_t len, gt_num *out, const char **why)
{
    size_t i = 0;
    int neg = 0;
    if (s[i] == '+' || s[i] == '-')
        neg = s[i++] == '-';
    mantissa mt = {0, 0, 0};
    long nint = 0, nfrac = 0;
    const char *digits_start = s + i;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, nint++)
        mant_digit(&mt, s[i] - '0');
    if (i < len && s[i] == '/') {
        /* rational: integer numerator / integer denominator */
        if (nint == 0) {
            *why = "a fraction needs digits before '/'";
            return ENT_EPARSE;
        }
        size_t j = i + 1, dstart = j;
        uint64_t dv = 0;
        int dover = 0, dnonzero = 0;
        for (; j < len && s[j] >= '0' && s[j] <= '9'; j++) {
            int d = s[j] - '0';
            dnonzero |= d != 0;
            if (!dover && (!ent_mul_ok(dv, 10, &dv) || dv > UINT64_MAX - (uint64_t)d))
                dover = 1;
            else if (!dover)
                dv += (uint64_t)d;
        }
        if (j == dstart || j != len) {
            *why = "a fraction is whole-number/whole-number, like 3/4";
            return ENT_EPARSE;
        }
        if (!dnonzero) {
            *why = "zero denominator";
            return ENT_EPARSE;
        }
        mant_flush(&mt);
        uint64_t m = mt.m;
        if (!mt.over && !dover && m <= (uint64_t)INT64_MAX && dv <= (uint64_t)INT64_MAX) {
            uint64_t g = m ? gcd_u64(m, dv) : dv;
            out->num = (int64_t)(m / g) * (neg ? -1 : 1);
            out->den = (int64_t)(dv / g);
            out->exact = 1;
            out->v = exact_to_double(out->num, out->den);
        } else {
            /* beyond 64 bits: the correctly rounded double of the exact quotient */
            char a[GT_MAX_TOKEN + 1];
            size_t alen = (size_t)(s + i - digits_start);
            memcpy(a, digits_start, alen);
            a[alen] = '\0';
            mpz_t x, y;
            mpz_inits(x, y, NULL);
            int bad = mpz_set_str(x, a, 10) != 0 || mpz_set_str(y, s + i + 1, 10) != 0;
            out->exact = 0;
            out->v = bad ? HUGE_VAL : ratio_to_double(x, y);
            if (!bad && mpz_sgn(x)) { /* in lowest terms it may fit after all */
                mpz_t g;
                mpz_init(g);
                mpz_gcd(g, x, y);
                mpz_divexact(x, x, g);
                mpz_divexact(y, y, g);
                mpz_clear(g);
                if (mpz_fits_slong_p(x) && mpz_fits_slong_p(y)) {
                    out->num = mpz_get_si(x);
                    out->den = mpz_get_si(y);
                    out->exact = 1;
                }
            }
            mpz_clears(x, y, NULL);
            if (neg) {
                out->v = -out->v;
                out->num = -out->num;
            }
            if (!isfinite(out->v)) {
                *why = "number out of range";
                return ENT_EPARSE;
            }
        }
        if (out->v == 0)
            out->v = 0.0;
        return ENT_OK;
    }
    if (i < len && s[i] == '.') {
        i++;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, nfrac++)
            mant_digit(&mt, s[i] - '0');
    }
    if (nint + nfrac == 0) {
        *why = "a number needs at least one digit";
        return ENT_EPARSE;
    }
    long ex = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        size_t es = i;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            if (ex < 1000000)
                ex = ex * 10 + (s[i] - '0');
        if (i == es) {
            *why = "the exponent needs digits";
            return ENT_EPARSE;
        }
        if (eneg)
            ex = -ex;
    }
    if (i != len) {
        *why = "not a number";
        return ENT_EPARSE;
    }
    /* value = m * 10^e10 */
    uint64_t m = mt.m;
    int mover = mt.over;
    long e10 = mt.pend0 + ex - nfrac;
    out->exact = 0;
    if (!mover) {
        if (m == 0) {
            out->num = 0;
            out->den = 1;
            out->exact = 1;
        } else if (e10 >= 0 && e10 <= 18) {
            uint64_t p = 1, r;
            for (long k = 0; k < e10; k++)
                p *= 10;
            if (ent_mul_ok(m, p, &r) && r <= (uint64_t)INT64_MAX) {
                out->num = (int64_t)r;
                out->den = 1;
                out->exact = 1;
            }
        } else if (e10 < 0 && e10 >= -18 && m <= (uint64_t)INT64_MAX) {
            /* m / 10^k in lowest terms: cancel the factors 2 and 5 m shares with 10^k
             * (cheaper than a general gcd on every decimal) */
            int k = (int)-e10, a = __builtin_ctzll(m), b = 0;
            if (a > k)
                a = k;
            m >>= a;
            while (b < k && m % 5 == 0) {
                m /= 5;
                b++;
            }
            uint64_t den = (uint64_t)1 << (k - a);
            for (int j = b; j < k; j++)
                den *= 5;
            out->num = (int64_t)m;
            out->den = (int64_t)den;
            out->exact = 1;
        }
    }
    if (out->exact) {
        if (neg)
            out->num = -out->num;
        out->v = exact_to_double(out->num, out->den);
    } else if (!mover && (double)m < TWO53 && e10 >= -22 && e10 <= 22) {
        out->v = e10 >= 0 ? (double)m * pow10_tab[e10] : (double)m / pow10_tab[-e10];
        if (neg)
            out->v = -out->v;
    } else {
        out->v = strtod(s, NULL); /* s is NUL-terminated at len */
    }
    if (!isfinite(out->v)) {
        *why = "number out of range";
        return ENT_EPARSE;
    }
    if (out->v == 0)
        out->v = 0.0;
    return ENT_OK;
}

/* ---------------------------------------------------------------- writers */

void gt_write_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* An exact value as text: an integer, a terminating decimal when den = 2^a 5^b and the
 * reader takes that decimal back exactly, or else a fraction. Whichever is written reads
 * back to the same (num, den) and the same double. */
void gt_write_exact(FILE *f, int64_t num, int64_t den)
{
    if (den == 1) {
        fprintf(f, "%lld", (long long)num);
        return;
    }
    uint64_t d = (uint64_t)den, mul = 1, mag = num < 0 ? (uint64_t)0 - (uint64_t)num
                                                          : (uint64_t)num, m;
    int k = 0, ok = 1;
    while (d % 10 == 0) {
        d /= 10;
        k++;
    }
    while (d % 2 == 0 && ok) {
        d /= 2;
        ok = ent_mul_ok(mul, 5, &mul);
        k++;
    }
    while (d % 5 == 0 && ok) {
        d /= 5;
        ok = ent_mul_ok(mul, 2, &mul);
        k++;
    }
    if (d == 1 && ok && k <= 19 && ent_mul_ok(mag, mul, &m)) {
        uint64_t p = 1;
        for (int i = 0; i < k; i++)
            p *= 10;
        char buf[48];
        snprintf(buf, sizeof buf, "%s%llu.%0*llu", num < 0 ? "-" : "",
                 (unsigned long long)(m / p), k, (unsigned long long)(m % p));
        gt_num x;
        const char *why;
        if (gt_parse_number(buf, strlen(buf), &x, &why) == ENT_OK && x.exact && x.num == num &&
            x.den == den) {
            fputs(buf, f);
            return;
        }
    }
    fprintf(f, "%lld/%lld", (long long)num, (long long)den);
}

void gt_write_double(FILE *f, double v)
{
    char buf[40];
    if (v == 0) {
        fputc('0', f);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* a decimal the reader will take as exact is written in gt_write_exact's canonical
     * form, so that writing what was read back gives the same text */
    gt_num x;
    const char *why;
    if (gt_parse_number(buf, strlen(buf), &x, &why) == ENT_OK && x.exact && x.v == v)
        gt_write_exact(f, x.num, x.den);
    else
        fputs(buf, f);
}
