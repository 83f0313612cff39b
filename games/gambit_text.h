/* gambit_text.h — the text layer shared by the Gambit readers and writers (.nfg, .efg):
 * a streaming lexer (quoted strings, braces, numbers, words; ',' counts as white space),
 * Gambit numbers (integers, decimals, exponents, fractions) kept exactly when they fit a
 * 64-bit fraction, and the writers of strings and numbers that read back bit for bit.
 * Internal to the library (not public API). */
#ifndef ENT_GAMBIT_TEXT_H
#define ENT_GAMBIT_TEXT_H

#include "entente.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>

#define GT_CHUNK 65536          /* bytes read from the file at a time */
#define GT_MAX_TOKEN 4096       /* longest number or word */
#define GT_MAX_STRING (1 << 20) /* longest quoted string */

typedef enum { T_EOF, T_LBRACE, T_RBRACE, T_STRING, T_NUMBER, T_WORD } tok_kind;

typedef struct {
    FILE *f;                        /* NULL when reading from memory */
    const unsigned char *p, *end;   /* unread window */
    unsigned char *chunk;           /* file buffer (GT_CHUNK bytes) */
    int eof;                        /* no more input after the window */
    int ioerr;                      /* errno of a read failure, or 0 */
    unsigned long long line;        /* line of the next unread character */
    const char *name;               /* file name for messages */
    const char *what;               /* ".nfg" or ".efg", for messages */
    ent_error *err;
    /* current token */
    tok_kind kind;
    unsigned long long tline;       /* line where the current token starts */
    char text[GT_MAX_TOKEN + 1];   /* number or word text */
    size_t tlen;
    ent_buf str;                    /* string contents */
} gt_lexer;

/* "NAME:LINE: message" into L->err; returns status. */
int gt_fail(gt_lexer *L, unsigned long long line, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Read the next chunk of a file-backed lexer; 0 at the end. */
int gt_refill(gt_lexer *L);
static inline int peekc(gt_lexer *L)
{
    if (L->p == L->end && !gt_refill(L))
        return EOF;
    return *L->p;
}
/* Quote s (at most 24 bytes shown, non-printables as '?') into buf. */
void gt_show(char *buf, size_t cap, const char *s, size_t len);
/* Human description of the current token, for "found X" messages. */
const char *gt_describe(const gt_lexer *L, char *buf, size_t cap);
/* Read the next token into L. Returns ENT_OK or an error (message set). */
int gt_next_token(gt_lexer *L);

typedef struct {
    double v;
    int64_t num, den; /* exact value when exact != 0 (den > 0, reduced) */
    int exact;
} gt_num;

/* Parse a Gambit number (NUL-terminated at len). Returns ENT_OK, or ENT_EPARSE with a
 * reason in *why. */
int gt_parse_number(const char *s, size_t len, gt_num *out, const char **why);

/* Writers: a quoted string ('"' and '\\' escaped); an exact value (integer, terminating
 * decimal or fraction); a double (shortest text reading back to the same bits). */
void gt_write_string(FILE *f, const char *s);
void gt_write_exact(FILE *f, int64_t num, int64_t den);
void gt_write_double(FILE *f, double v);

#endif
