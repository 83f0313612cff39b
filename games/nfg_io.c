/* nfg_io.c — Gambit strategic-game (.nfg) files: a one-pass streaming reader for both body
 * forms (payoff list; outcome list + profile mapping) and a writer of the payoff-list form.
 * Format: The Gambit Project, "Game representation formats — the strategic game (.nfg)
 * file format" (gambit.sourceforge.net/gambit14/formats.html). Linear time; payoffs go
 * straight into the game's arrays; sizes are checked before allocating; every error
 * names file:line of the offending token. */
#include "entente.h"
#include "util.h"

#include <errno.h>
#include <gmp.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NFG_CHUNK 65536          /* bytes read from the file at a time */
#define NFG_MAX_TOKEN 4096       /* longest number or word */
#define NFG_MAX_STRING (1 << 20) /* longest quoted string */
#define NFG_MAX_PLAYERS 65536
#define TWO53 9007199254740992.0

/* ------------------------------------------------------------------ lexer */

typedef enum { T_EOF, T_LBRACE, T_RBRACE, T_STRING, T_NUMBER, T_WORD } tok_kind;

typedef struct {
    FILE *f;                        /* NULL when reading from memory */
    const unsigned char *p, *end;   /* unread window */
    unsigned char *chunk;           /* file buffer (NFG_CHUNK bytes) */
    int eof;                        /* no more input after the window */
    int ioerr;                      /* errno of a read failure, or 0 */
    unsigned long long line;        /* line of the next unread character */
    const char *name;               /* file name for messages */
    ent_error *err;
    /* current token */
    tok_kind kind;
    unsigned long long tline;       /* line where the current token starts */
    char text[NFG_MAX_TOKEN + 1];   /* number or word text */
    size_t tlen;
    ent_buf str;                    /* string contents */
} lexer;

static int lfail(lexer *L, unsigned long long line, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int lfail(lexer *L, unsigned long long line, int status, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ent_error_set(L->err, status, "%s:%llu: %s", L->name, line, msg);
}

static int refill(lexer *L)
{
    if (!L->f || L->eof)
        return 0;
    size_t n = fread(L->chunk, 1, NFG_CHUNK, L->f);
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

static inline int peekc(lexer *L)
{
    if (L->p == L->end && !refill(L))
        return EOF;
    return *L->p;
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
static void show(char *buf, size_t cap, const char *s, size_t len)
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
static const char *describe(const lexer *L, char *buf, size_t cap)
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
        show(s, sizeof s, L->str.data ? L->str.data : "", L->str.len);
        snprintf(buf, cap, "the string \"%s\"", s);
        break;
    case T_NUMBER:
        show(s, sizeof s, L->text, L->tlen);
        snprintf(buf, cap, "the number %s", s);
        break;
    case T_WORD:
        show(s, sizeof s, L->text, L->tlen);
        snprintf(buf, cap, "'%s'", s);
        break;
    }
    return buf;
}

/* Read the next token into L. Returns ENT_OK or an error (message set). */
static int next_token(lexer *L)
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
            return lfail(L, L->line, ENT_EIO, "read error: %s", strerror(L->ioerr));
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
            return lfail(L, L->tline, ENT_ENOMEM, "out of memory reading a string");
        L->str.data[0] = '\0';
        for (;;) {
            c = peekc(L);
            if (c == EOF) {
                if (L->ioerr)
                    return lfail(L, L->line, ENT_EIO, "read error: %s", strerror(L->ioerr));
                return lfail(L, L->tline, ENT_EPARSE,
                             "unterminated string (the file ends before its closing '\"')");
            }
            L->p++;
            if (c == '"')
                break;
            if (c == '\0')
                return lfail(L, L->line, ENT_EPARSE, "NUL byte inside a string");
            if (c == '\n')
                L->line++;
            if (c == '\\') {
                int d = peekc(L);
                if (d == '"' || d == '\\') {
                    L->p++;
                    c = d;
                }
            }
            if (L->str.len >= NFG_MAX_STRING)
                return lfail(L, L->tline, ENT_ETOOBIG, "string longer than %d bytes",
                             NFG_MAX_STRING);
            ent_buf_putc(&L->str, (char)c);
            if (L->str.failed)
                return lfail(L, L->tline, ENT_ENOMEM, "out of memory reading a string");
        }
        L->kind = T_STRING;
        return ENT_OK;
    }
    if (is_tokchar(c)) {
        L->tlen = 0;
        while (c != EOF && is_tokchar(c)) {
            if (L->tlen == NFG_MAX_TOKEN)
                return lfail(L, L->tline, ENT_EPARSE, "token longer than %d characters",
                             NFG_MAX_TOKEN);
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
        return lfail(L, L->line, ENT_EPARSE, "unexpected character '%c'", c);
    return lfail(L, L->line, ENT_EPARSE, "unexpected byte 0x%02x (not a Gambit .nfg text file?)",
                 c);
}

/* ---------------------------------------------------------------- numbers */

typedef struct {
    double v;
    int64_t num, den; /* exact value when exact != 0 (den > 0, reduced) */
    int exact;
} nfg_num;

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
static int parse_number(const char *s, size_t len, nfg_num *out, const char **why)
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
            char a[NFG_MAX_TOKEN + 1];
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

/* ----------------------------------------------------------------- parser */

typedef struct {
    lexer L;
    const ent_game_opts *o;
    int n;                /* players */
    char **plabel;        /* [n] */
    int *nstrat;          /* [n] */
    char **slabel;        /* flat strategy labels, NULL in the count form */
    size_t nslabel, slcap;
    char *title, *comment;
    ent_game *g;
    int exact_ok;         /* every number so far exact, and the table affordable */
} parser;

static int expect(parser *P, tok_kind k, const char *what)
{
    int rc = next_token(&P->L);
    if (rc)
        return rc;
    if (P->L.kind != k) {
        char d[96];
        return lfail(&P->L, P->L.tline, ENT_EPARSE, "expected %s, found %s", what,
                     describe(&P->L, d, sizeof d));
    }
    return ENT_OK;
}

static char *take_string(parser *P)
{
    return ent_strdup(P->L.str.data ? P->L.str.data : "");
}

/* Refuse a game whose payoff storage would exceed the limit, given that the first
 * `upto` players' counts are known (the rest count as 1). */
static int check_size(parser *P, int upto, unsigned long long line)
{
    uint64_t prof = 1, bytes;
    for (int p = 0; p < upto; p++)
        if (!ent_mul_ok(prof, (uint64_t)P->nstrat[p], &prof))
            return lfail(&P->L, line, ENT_ETOOBIG,
                         "game too large: the strategy counts multiply to more than 2^64 "
                         "profiles");
    if (!ent_mul_ok(prof, (uint64_t)P->n * sizeof(double), &bytes) ||
        bytes > (uint64_t)P->o->mem_limit)
        return lfail(&P->L, line, ENT_ETOOBIG,
                     "game too large: %d players and %s%llu strategy profiles need %s%.4g "
                     "GiB of payoffs, above the limit of %.4g GiB",
                     P->n, upto < P->n ? "at least " : "", (unsigned long long)prof,
                     upto < P->n ? "at least " : "",
                     (double)prof * P->n * (double)sizeof(double) / 1073741824.0,
                     (double)P->o->mem_limit / 1073741824.0);
    return ENT_OK;
}

static int read_header(parser *P)
{
    lexer *L = &P->L;
    char d[96];
    /* a UTF-8 byte-order mark, as some editors write, is skipped */
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    for (int i = 0; i < 3 && peekc(L) == bom[i]; i++)
        L->p++;
    int rc = next_token(L);
    if (rc)
        return rc;
    if (L->kind != T_WORD || strcmp(L->text, "NFG") != 0) {
        if (L->kind == T_WORD && strcmp(L->text, "EFG") == 0)
            return lfail(L, L->tline, ENT_EUNSUPPORTED,
                         "this is a Gambit extensive-form (EFG) file, not a strategic game");
        return lfail(L, L->tline, ENT_EPARSE,
                     "expected 'NFG' (a Gambit strategic game) at the start, found %s",
                     describe(L, d, sizeof d));
    }
    if ((rc = next_token(L)))
        return rc;
    if (L->kind != T_NUMBER || strcmp(L->text, "1") != 0)
        return lfail(L, L->tline, ENT_EPARSE, "expected the format version 1 after 'NFG', found %s",
                     describe(L, d, sizeof d));
    if ((rc = next_token(L)))
        return rc;
    if (L->kind != T_WORD || (strcmp(L->text, "R") != 0 && strcmp(L->text, "D") != 0))
        return lfail(L, L->tline, ENT_EPARSE, "expected the number type 'R' or 'D', found %s",
                     describe(L, d, sizeof d));
    if ((rc = expect(P, T_STRING, "the game title (a quoted string)")))
        return rc;
    if (!(P->title = take_string(P)))
        return lfail(L, L->tline, ENT_ENOMEM, "out of memory");
    if ((rc = expect(P, T_LBRACE, "'{' opening the list of player names")))
        return rc;
    int pcap = 0;
    for (;;) {
        if ((rc = next_token(L)))
            return rc;
        if (L->kind == T_RBRACE)
            break;
        if (L->kind != T_STRING)
            return lfail(L, L->tline, ENT_EPARSE,
                         "expected a player name (a quoted string) or '}', found %s",
                         describe(L, d, sizeof d));
        if (P->n == NFG_MAX_PLAYERS)
            return lfail(L, L->tline, ENT_ETOOBIG, "too many players (the limit is %d)",
                         NFG_MAX_PLAYERS);
        if (P->n == pcap) {
            int nc = pcap ? 2 * pcap : 8;
            char **np = (char **)realloc(P->plabel, sizeof(char *) * (size_t)nc);
            if (!np)
                return lfail(L, L->tline, ENT_ENOMEM, "out of memory");
            P->plabel = np;
            pcap = nc;
        }
        if (!(P->plabel[P->n] = take_string(P)))
            return lfail(L, L->tline, ENT_ENOMEM, "out of memory");
        P->n++;
    }
    if (P->n == 0)
        return lfail(L, L->tline, ENT_EPARSE, "the game has no players");
    P->nstrat = (int *)calloc((size_t)P->n, sizeof(int));
    if (!P->nstrat)
        return lfail(L, L->tline, ENT_ENOMEM, "out of memory");

    /* strategies: { 2 3 } or { { "a" "b" } { "x" "y" "z" } } */
    if ((rc = expect(P, T_LBRACE, "'{' opening the strategies")))
        return rc;
    if ((rc = next_token(L)))
        return rc;
    if (L->kind == T_NUMBER) {
        for (int p = 0; p < P->n; p++) {
            if (p && (rc = next_token(L)))
                return rc;
            int ok = L->kind == T_NUMBER && L->tlen <= 10;
            long long v = 0;
            for (size_t i = 0; ok && i < L->tlen; i++) {
                ok = L->text[i] >= '0' && L->text[i] <= '9';
                v = v * 10 + (L->text[i] - '0');
            }
            if (!ok || v > INT_MAX)
                return lfail(L, L->tline, ENT_EPARSE,
                             "expected the number of strategies of player %d (a whole number), "
                             "found %s",
                             p + 1, describe(L, d, sizeof d));
            if (v < 1)
                return lfail(L, L->tline, ENT_EPARSE, "player %d has 0 strategies (needs at least 1)",
                             p + 1);
            P->nstrat[p] = (int)v;
            if ((rc = check_size(P, p + 1, L->tline)))
                return rc;
        }
        if ((rc = next_token(L)))
            return rc;
        if (L->kind != T_RBRACE)
            return lfail(L, L->tline, ENT_EPARSE,
                         "expected '}' after the %d strategy counts (one per player), found %s",
                         P->n, describe(L, d, sizeof d));
    } else if (L->kind == T_LBRACE) {
        for (int p = 0; p < P->n; p++) {
            if (p && (rc = expect(P, T_LBRACE, "'{' opening the next player's strategy names")))
                return rc;
            for (;;) {
                if ((rc = next_token(L)))
                    return rc;
                if (L->kind == T_RBRACE)
                    break;
                if (L->kind != T_STRING)
                    return lfail(L, L->tline, ENT_EPARSE,
                                 "expected a strategy name (a quoted string) or '}', found %s",
                                 describe(L, d, sizeof d));
                if (P->nstrat[p] == INT_MAX)
                    return lfail(L, L->tline, ENT_ETOOBIG, "player %d has too many strategies",
                                 p + 1);
                P->nstrat[p]++;
                if ((rc = check_size(P, p + 1, L->tline)))
                    return rc;
                if (P->nslabel == P->slcap) {
                    size_t nc = P->slcap ? 2 * P->slcap : 16;
                    char **ns = (char **)realloc(P->slabel, sizeof(char *) * nc);
                    if (!ns)
                        return lfail(L, L->tline, ENT_ENOMEM, "out of memory");
                    P->slabel = ns;
                    P->slcap = nc;
                }
                if (!(P->slabel[P->nslabel] = take_string(P)))
                    return lfail(L, L->tline, ENT_ENOMEM, "out of memory");
                P->nslabel++;
            }
            if (P->nstrat[p] == 0)
                return lfail(L, L->tline, ENT_EPARSE, "player %d has no strategies", p + 1);
        }
        if ((rc = next_token(L)))
            return rc;
        if (L->kind != T_RBRACE)
            return lfail(L, L->tline, ENT_EPARSE,
                         "expected '}' after the strategy names of the %d players, found %s",
                         P->n, describe(L, d, sizeof d));
    } else {
        return lfail(L, L->tline, ENT_EPARSE,
                     "expected strategy counts or '{' opening player 1's strategy names, "
                     "found %s",
                     describe(L, d, sizeof d));
    }
    /* optional comment */
    if ((rc = next_token(L)))
        return rc;
    if (L->kind == T_STRING) {
        if (!(P->comment = take_string(P)))
            return lfail(L, L->tline, ENT_ENOMEM, "out of memory");
        if ((rc = next_token(L)))
            return rc;
    }
    return ENT_OK;
}

static int make_game(parser *P)
{
    lexer *L = &P->L;
    ent_error e = {0, ""};
    int rc = ent_game_new(&P->g, P->n, P->nstrat, P->o, &e);
    if (rc)
        return lfail(L, L->tline, rc, "%s", e.msg);
    rc = ent_game_set_title(P->g, P->title);
    if (!rc && P->comment)
        rc = ent_game_set_comment(P->g, P->comment);
    size_t k = 0;
    for (int p = 0; p < P->n && !rc; p++) {
        rc = ent_game_set_player_label(P->g, p, P->plabel[p]);
        for (int s = 0; P->slabel && s < P->nstrat[p] && !rc; s++)
            rc = ent_game_set_strategy_label(P->g, p, s, P->slabel[k++]);
    }
    if (rc)
        return lfail(L, L->tline, ENT_ENOMEM, "out of memory");
    /* the exact table costs twice the payoffs: keep it only within the same limit */
    uint64_t bytes;
    P->exact_ok = ent_mul_ok(ent_game_nprofiles(P->g), (uint64_t)P->n * 2 * sizeof(int64_t),
                             &bytes) &&
                  bytes <= (uint64_t)P->o->mem_limit;
    return ENT_OK;
}

/* Store one payoff (and its exact value while every number so far had one). */
static void put_payoff(parser *P, int p, uint64_t idx, double v, int exact, int64_t num,
                       int64_t den)
{
    ent_game_payoffs_mut(P->g, p)[idx] = v;
    if (!P->exact_ok)
        return;
    if (!exact) {
        P->exact_ok = 0;
        ent_game_clear_exact(P->g);
        return;
    }
    if (ent_game_has_exact(P->g) || den != 1 || !(fabs(v) < 9.0e15)) {
        /* (the table, when created, takes integers below 9e15 from the doubles) */
        if (ent_game_set_exact(P->g, p, idx, num, den) != ENT_OK) {
            P->exact_ok = 0;
            ent_game_clear_exact(P->g);
        }
    }
}

static int number_or_fail(parser *P, nfg_num *x)
{
    const char *why = "";
    if (parse_number(P->L.text, P->L.tlen, x, &why) != ENT_OK) {
        char s[40];
        show(s, sizeof s, P->L.text, P->L.tlen);
        return lfail(&P->L, P->L.tline, ENT_EPARSE, "bad number '%s': %s", s, why);
    }
    return ENT_OK;
}

static int read_payoff_list(parser *P)
{
    lexer *L = &P->L;
    uint64_t np = ent_game_nprofiles(P->g), total = np * (uint64_t)P->n, k = 0;
    char d[96];
    int rc;
    double **pay = (double **)malloc(sizeof(double *) * (size_t)P->n);
    if (!pay)
        return lfail(L, L->tline, ENT_ENOMEM, "out of memory");
    for (int p = 0; p < P->n; p++)
        pay[p] = ent_game_payoffs_mut(P->g, p);
    for (uint64_t idx = 0; idx < np; idx++)
        for (int p = 0; p < P->n; p++, k++) {
            if (k && (rc = next_token(L)))
                goto out;
            if (L->kind != T_NUMBER) {
                if (L->kind == T_EOF)
                    rc = lfail(L, L->tline, ENT_EPARSE,
                               "the file ends after %llu of %llu payoffs (%llu profiles x %d "
                               "players)",
                               (unsigned long long)k, (unsigned long long)total,
                               (unsigned long long)np, P->n);
                else
                    rc = lfail(L, L->tline, ENT_EPARSE, "expected payoff %llu of %llu, found %s",
                               (unsigned long long)k + 1, (unsigned long long)total,
                               describe(L, d, sizeof d));
                goto out;
            }
            nfg_num x;
            if ((rc = number_or_fail(P, &x)))
                goto out;
            if (P->exact_ok)
                put_payoff(P, p, idx, x.v, x.exact, x.num, x.den);
            else
                pay[p][idx] = x.v;
        }
    if ((rc = next_token(L)))
        goto out;
    if (L->kind != T_EOF)
        rc = lfail(L, L->tline, ENT_EPARSE,
                   "expected the end of the file after the last payoff (%llu profiles x %d "
                   "players = %llu payoffs), found %s",
                   (unsigned long long)np, P->n, (unsigned long long)total,
                   describe(L, d, sizeof d));
out:
    free(pay);
    return rc;
}

typedef struct {
    double *v;    /* [count * n] */
    int64_t *ex;  /* [2 * count * n] num, den (den 0: not exact) */
    size_t count, cap;
} outcomes;

static int read_outcome_form(parser *P)
{
    lexer *L = &P->L;
    outcomes oc = {NULL, NULL, 0, 0};
    char d[96];
    int rc = ENT_OK, n = P->n;
    size_t per = (size_t)n * (sizeof(double) + 2 * sizeof(int64_t));
    /* outcome list: { { "name" p1 p2 ... } ... } — current token is the outer '{' */
    for (;;) {
        if ((rc = next_token(L)))
            goto out;
        if (L->kind == T_RBRACE)
            break;
        if (L->kind != T_LBRACE) {
            rc = lfail(L, L->tline, ENT_EPARSE,
                       "expected '{' opening outcome %zu or '}' ending the outcome list, "
                       "found %s",
                       oc.count + 1, describe(L, d, sizeof d));
            goto out;
        }
        unsigned long long oline = L->tline;
        if ((rc = expect(P, T_STRING, "the outcome's name (a quoted string)")))
            goto out;
        if (oc.count == oc.cap) {
            size_t nc = oc.cap ? 2 * oc.cap : 16;
            if (nc > (size_t)P->o->mem_limit / per + 16) {
                rc = lfail(L, L->tline, ENT_ETOOBIG,
                           "too many outcomes: %zu outcomes of %d payoffs exceed the memory "
                           "limit of %.4g GiB",
                           oc.count + 1, n, (double)P->o->mem_limit / 1073741824.0);
                goto out;
            }
            double *nv = (double *)realloc(oc.v, sizeof(double) * nc * (size_t)n);
            if (nv)
                oc.v = nv;
            int64_t *ne = nv ? (int64_t *)realloc(oc.ex, sizeof(int64_t) * 2 * nc * (size_t)n)
                             : NULL;
            if (!ne) {
                rc = lfail(L, L->tline, ENT_ENOMEM, "out of memory");
                goto out;
            }
            oc.ex = ne;
            oc.cap = nc;
        }
        size_t base = oc.count * (size_t)n;
        int got = 0;
        for (;;) {
            if ((rc = next_token(L)))
                goto out;
            if (L->kind == T_RBRACE)
                break;
            if (L->kind != T_NUMBER) {
                rc = lfail(L, L->tline, ENT_EPARSE,
                           "expected a payoff or '}' in outcome %zu, found %s", oc.count + 1,
                           describe(L, d, sizeof d));
                goto out;
            }
            if (got == n) {
                rc = lfail(L, L->tline, ENT_EPARSE,
                           "outcome %zu has more than %d payoffs (one per player)",
                           oc.count + 1, n);
                goto out;
            }
            nfg_num x;
            if ((rc = number_or_fail(P, &x)))
                goto out;
            oc.v[base + (size_t)got] = x.v;
            oc.ex[2 * (base + (size_t)got)] = x.exact ? x.num : 0;
            oc.ex[2 * (base + (size_t)got) + 1] = x.exact ? x.den : 0;
            got++;
        }
        if (got != n) {
            rc = lfail(L, oline, ENT_EPARSE, "outcome %zu has %d payoffs, expected %d (one per player)",
                       oc.count + 1, got, n);
            goto out;
        }
        oc.count++;
    }
    /* profile mapping: one outcome index per profile, player 1's strategy fastest */
    uint64_t np = ent_game_nprofiles(P->g);
    for (uint64_t idx = 0; idx < np; idx++) {
        if ((rc = next_token(L)))
            goto out;
        if (L->kind != T_NUMBER) {
            if (L->kind == T_EOF)
                rc = lfail(L, L->tline, ENT_EPARSE,
                           "the file ends after %llu of %llu outcome indices (one per profile)",
                           (unsigned long long)idx, (unsigned long long)np);
            else
                rc = lfail(L, L->tline, ENT_EPARSE,
                           "expected outcome index %llu of %llu, found %s",
                           (unsigned long long)idx + 1, (unsigned long long)np,
                           describe(L, d, sizeof d));
            goto out;
        }
        uint64_t k = 0;
        int ok = L->tlen <= 19;
        for (size_t i = 0; ok && i < L->tlen; i++) {
            ok = L->text[i] >= '0' && L->text[i] <= '9';
            k = k * 10 + (uint64_t)(L->text[i] - '0');
        }
        char s[40];
        show(s, sizeof s, L->text, L->tlen);
        if (!ok) {
            rc = lfail(L, L->tline, ENT_EPARSE, "outcome index '%s' is not a whole number", s);
            goto out;
        }
        if (k > oc.count) {
            rc = lfail(L, L->tline, ENT_EPARSE,
                       "outcome index '%s' out of range: the game has %zu outcomes (0 means "
                       "no outcome)",
                       s, oc.count);
            goto out;
        }
        for (int p = 0; p < n; p++) {
            if (k == 0) {
                put_payoff(P, p, idx, 0.0, 1, 0, 1);
            } else {
                size_t j = (size_t)(k - 1) * (size_t)n + (size_t)p;
                put_payoff(P, p, idx, oc.v[j], oc.ex[2 * j + 1] > 0, oc.ex[2 * j],
                           oc.ex[2 * j + 1]);
            }
        }
    }
    if ((rc = next_token(L)))
        goto out;
    if (L->kind != T_EOF)
        rc = lfail(L, L->tline, ENT_EPARSE,
                   "expected the end of the file after the last outcome index (the game has "
                   "%llu profiles), found %s",
                   (unsigned long long)np, describe(L, d, sizeof d));
out:
    free(oc.v);
    free(oc.ex);
    return rc;
}

static int parse_all(parser *P)
{
    int rc = read_header(P);
    if (rc)
        return rc;
    lexer *L = &P->L;
    if (L->kind != T_NUMBER && L->kind != T_LBRACE) {
        char d[96];
        return lfail(L, L->tline, ENT_EPARSE,
                     "expected the payoffs (numbers) or '{' opening the outcome list, found %s",
                     describe(L, d, sizeof d));
    }
    if ((rc = make_game(P)))
        return rc;
    rc = L->kind == T_LBRACE ? read_outcome_form(P) : read_payoff_list(P);
    if (rc == ENT_OK && P->exact_ok && !ent_game_has_exact(P->g)) {
        /* all payoffs were integers below 9e15: the table takes them from the doubles */
        double v0 = ent_game_payoffs(P->g, 0)[0];
        if (ent_game_set_exact(P->g, 0, 0, (int64_t)v0, 1) != ENT_OK)
            ent_game_clear_exact(P->g);
    }
    return rc;
}

static int read_common(FILE *f, const char *text, const char *name, const ent_game_opts *o,
                       ent_game **out, ent_error *err)
{
    ent_game_opts def;
    if (!o) {
        ent_game_opts_init(&def);
        o = &def;
    }
    *out = NULL;
    parser *P = (parser *)calloc(1, sizeof *P);
    if (!P)
        return ent_error_set(err, ENT_ENOMEM, "%s: out of memory", name);
    P->o = o;
    P->L.name = name;
    P->L.err = err;
    P->L.line = 1;
    P->L.f = f;
    int rc = ENT_OK;
    if (f) {
        P->L.chunk = (unsigned char *)malloc(NFG_CHUNK);
        if (!P->L.chunk)
            rc = ent_error_set(err, ENT_ENOMEM, "%s: out of memory", name);
        P->L.p = P->L.end = P->L.chunk;
    } else {
        P->L.p = (const unsigned char *)text;
        P->L.end = P->L.p + strlen(text);
        P->L.eof = 1;
    }
    if (!rc)
        rc = parse_all(P);
    if (rc == ENT_OK)
        *out = P->g;
    else
        ent_game_free(&P->g);
    for (int p = 0; p < P->n; p++)
        free(P->plabel[p]);
    for (size_t i = 0; i < P->nslabel; i++)
        free(P->slabel[i]);
    free(P->plabel);
    free(P->slabel);
    free(P->nstrat);
    free(P->title);
    free(P->comment);
    free(P->L.chunk);
    ent_buf_free(&P->L.str);
    free(P);
    return rc;
}

int ent_nfg_read_stream(FILE *f, const char *name, const ent_game_opts *o, ent_game **out,
                        ent_error *err)
{
    return read_common(f, NULL, name ? name : "<stream>", o, out, err);
}

int ent_nfg_read_string(const char *text, const char *name, const ent_game_opts *o,
                        ent_game **out, ent_error *err)
{
    return read_common(NULL, text, name ? name : "<string>", o, out, err);
}

int ent_nfg_read_file(const char *path, const ent_game_opts *o, ent_game **out, ent_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ent_error_set(err, ENT_EIO, "%s: cannot open: %s", path, strerror(errno));
    int rc = read_common(f, NULL, path, o, out, err);
    fclose(f);
    return rc;
}

/* ----------------------------------------------------------------- writer */

static void write_string(FILE *f, const char *s)
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
static void write_exact(FILE *f, int64_t num, int64_t den)
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
        nfg_num x;
        const char *why;
        if (parse_number(buf, strlen(buf), &x, &why) == ENT_OK && x.exact && x.num == num &&
            x.den == den) {
            fputs(buf, f);
            return;
        }
    }
    fprintf(f, "%lld/%lld", (long long)num, (long long)den);
}

static void write_double(FILE *f, double v)
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
    /* a decimal the reader will take as exact is written in write_exact's canonical
     * form, so that writing what was read back gives the same text */
    nfg_num x;
    const char *why;
    if (parse_number(buf, strlen(buf), &x, &why) == ENT_OK && x.exact && x.v == v)
        write_exact(f, x.num, x.den);
    else
        fputs(buf, f);
}

int ent_nfg_write(const ent_game *g, FILE *f)
{
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    for (int p = 0; p < n; p++) {
        const double *u = ent_game_payoffs(g, p);
        for (uint64_t i = 0; i < np; i++)
            if (!isfinite(u[i]))
                return ENT_EINVAL;
    }
    fputs("NFG 1 R ", f);
    write_string(f, ent_game_title(g));
    fputs(" {", f);
    for (int p = 0; p < n; p++) {
        fputc(' ', f);
        write_string(f, ent_game_player_label(g, p));
    }
    fputs(" }\n\n{", f);
    for (int p = 0; p < n; p++) {
        fputs(p ? "\n  {" : " {", f);
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            fputc(' ', f);
            write_string(f, ent_game_strategy_label(g, p, s));
        }
        fputs(" }", f);
    }
    fputs("\n}\n", f);
    write_string(f, ent_game_comment(g));
    fputs("\n\n", f);
    int exact = ent_game_has_exact(g);
    for (uint64_t i = 0; i < np; i++) {
        for (int p = 0; p < n; p++) {
            if (p)
                fputc(' ', f);
            int64_t num = 0, den = 0;
            if (exact)
                ent_game_get_exact(g, p, i, &num, &den);
            if (den > 0)
                write_exact(f, num, den);
            else
                write_double(f, ent_game_payoffs(g, p)[i]);
        }
        fputc('\n', f);
    }
    return ferror(f) ? ENT_EIO : ENT_OK;
}
