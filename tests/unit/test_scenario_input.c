/* test_scenario_input.c — scenario text that used to change the model silently: whole
 * numbers of 2^31 and more (read exactly as 64-bit integers, or refused at file:line
 * beyond 64 bits), lines of any length (a long comment stays a comment; later lines keep
 * their numbers), NUL bytes, groups too large for libconfig's quadratic insertion (refused
 * with the cap named, quickly), no feasible state, contradictory irreversibility, and
 * nesting beyond the limit. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "entente.h"

static char dir[64];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/ent-scin-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(scenario_input, .init = make_dir, .fini = remove_dir);

/* write `len` bytes of text to dir/name; returns the path (static buffer per call site) */
static const char *put(const char *name, const char *text, size_t len, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(text, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    return path;
}

static int load(const char *path, ent_scenario **s, ent_error *err)
{
    *s = NULL;
    err->msg[0] = '\0';
    return ent_scenario_load(path, NULL, s, err);
}

/* the error must be exactly "<path>:<line>: ..." and contain `what` */
static void fails_at(const char *path, int line, const char *what)
{
    ent_scenario *s;
    ent_error err = {0, ""};
    int rc = load(path, &s, &err);
    cr_assert_neq(rc, ENT_OK, "%s loaded", path);
    cr_assert_null(s);
    char head[600];
    snprintf(head, sizeof head, "%s:%d: ", path, line);
    cr_assert(strncmp(err.msg, head, strlen(head)) == 0, "expected %s..., got: %s", head, err.msg);
    cr_assert(strstr(err.msg, what), "expected '%s' in: %s", what, err.msg);
    cr_assert_null(strchr(err.msg, '\n'), "one line: %s", err.msg);
}

static const char *const two_actors =
    "actors = ( { id = \"a\"; choices = ( \"x\", \"y\" ); },\n"
    "           { id = \"b\"; choices = ( \"x\", \"y\" ); } );\n";

static const char rules[] = "payoffs = ( { when = \"a.x\"; a = 1; b = 2; } );\n";

/* analysis.seed is a 64-bit whole number: read exactly or refused, never wrapped */
Test(scenario_input, whole_numbers_64_bit_exact_or_refused)
{
    static const struct {
        const char *text;
        unsigned long long want;
    } ok[] = {{"2147483647", 2147483647ULL},
              {"2147483648", 2147483648ULL},
              {"4294967296", 4294967296ULL},
              {"9007199254740993", 9007199254740993ULL}, /* 2^53 + 1: not a double */
              {"9223372036854775807", 9223372036854775807ULL},
              {"0x80000000", 2147483648ULL},
              {"0x7FFFFFFFFFFFFFFF", 9223372036854775807ULL}};
    char text[1024], path[256];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int n = snprintf(text, sizeof text, "%sanalysis = { seed = %s; };\n%s", two_actors, ok[i].text, rules);
        ent_scenario *s;
        ent_error err = {0, ""};
        cr_assert_eq(load(put("seed.cfg", text, (size_t)n, path, sizeof path), &s, &err), ENT_OK,
                     "%s: %s", ok[i].text, err.msg);
        unsigned long long seed = 0;
        cr_assert(ent_scenario_analysis_seed(s, &seed));
        cr_assert(seed == ok[i].want, "seed %s read as %llu", ok[i].text, seed);
        ent_scenario_free(&s);
    }
    static const char *const beyond[] = {"9223372036854775808", "18446744073709551616",
                                         "99999999999999999999", "0xFFFFFFFFFFFFFFFF",
                                         "9223372036854775808L", "-9223372036854775809"};
    for (size_t i = 0; i < sizeof beyond / sizeof beyond[0]; i++) {
        int n = snprintf(text, sizeof text, "%s\nanalysis = {\n  seed = %s;\n};\n%s", two_actors,
                         beyond[i], rules);
        fails_at(put("seed.cfg", text, (size_t)n, path, sizeof path), 5, "beyond 64 bits");
    }
    /* a count that used to wrap into range (2^32 + 1 -> 1) is now out of range */
    int n = snprintf(text, sizeof text, "%s\nanalysis = {\n  samples = 4294967297;\n};\n%s", two_actors, rules);
    fails_at(put("samples.cfg", text, (size_t)n, path, sizeof path), 5, "samples must be");
}

/* payoffs and parameters of 2^31 and more: the compiled game has the exact values (all
 * below 2^53 here, so exact as doubles too) */
Test(scenario_input, large_payoffs_and_parameters)
{
    char text[2048], path[256];
    int n = snprintf(text, sizeof text,
                     "params = { aid = 60000000000; neg = -2147483649; big = 9007199254740992; };\n%s"
                     "payoffs = ( { when = \"a.x & b.x\"; a = 3000000000; b = \"aid\"; },\n"
                     "            { when = \"a.y\"; a = \"big\"; b = \"neg\"; },\n"
                     "            { when = \"b.y\"; a = -2147483648; b = 4294967296; } );\n"
                     "sweep_free = 0;\n",
                     two_actors);
    /* (the last line is an unknown setting: checked first that the numbers before it
     * were fine, then the file without it loads) */
    fails_at(put("big.cfg", text, (size_t)n, path, sizeof path), 7, "unknown setting 'sweep_free'");
    text[strstr(text, "sweep_free") - text] = '\0';
    ent_scenario *s;
    ent_error err = {0, ""};
    cr_assert_eq(load(put("big.cfg", text, strlen(text), path, sizeof path), &s, &err), ENT_OK, "%s", err.msg);
    ent_game *g = NULL;
    cr_assert_eq(ent_scenario_compile(s, &g, &err), ENT_OK, "%s", err.msg);
    int xx[2] = {0, 0}, yx[2] = {1, 0}, xy[2] = {0, 1};
    uint64_t ixx = ent_game_profile_index(g, xx), iyx = ent_game_profile_index(g, yx),
             ixy = ent_game_profile_index(g, xy);
    const double *a = ent_game_payoffs(g, 0), *b = ent_game_payoffs(g, 1);
    cr_assert(a[ixx] == 3000000000.0 && b[ixx] == 60000000000.0, "%.17g %.17g", a[ixx], b[ixx]);
    cr_assert(a[iyx] == 9007199254740992.0 && b[iyx] == -2147483649.0, "%.17g %.17g", a[iyx], b[iyx]);
    cr_assert(a[ixy] == -2147483648.0 && b[ixy] == 4294967296.0, "%.17g %.17g", a[ixy], b[ixy]);
    ent_game_free(&g);
    ent_scenario_free(&s);
    /* in an array (elements share one type) large and small whole numbers mix */
    n = snprintf(text, sizeof text,
                 "params = { d = { triangular = [1, 2, 3000000000]; }; };\n%s"
                 "payoffs = ( { when = \"a.x\"; a = \"d\"; b = 1; } );\n", two_actors);
    cr_assert_eq(load(put("arr.cfg", text, (size_t)n, path, sizeof path), &s, &err), ENT_OK, "%s", err.msg);
    ent_scenario_free(&s);
}

/* a comment line of `len` bytes, then an unknown setting on line 2: reported at line 2;
 * the comment's text never becomes configuration */
static void long_comment(size_t len)
{
    char *text = malloc(len + 4096), path[256];
    cr_assert_not_null(text);
    text[0] = '#';
    memset(text + 1, 'x', len - 1);
    /* the part beyond byte 4,095 of the comment, were it cut, would be a setting */
    static const char hidden[] = " infeasible = ( \"a.x & b.x\" );";
    memcpy(text + len - strlen(hidden), hidden, strlen(hidden));
    size_t n = len;
    n += (size_t)sprintf(text + n, "\nbad_setting = 1;\n");
    fails_at(put("long.cfg", text, n, path, sizeof path), 2, "unknown setting 'bad_setting'");
    /* the same comment before a valid scenario: every profile stays feasible, and the
     * errors of later lines keep their numbers */
    n = len;
    n += (size_t)sprintf(text + n, "\n%spayoffs = ( { when = \"a.x & b.x\"; a = 1; b = 1; } );\n", two_actors);
    ent_scenario *s;
    ent_error err = {0, ""};
    cr_assert_eq(load(put("long.cfg", text, n, path, sizeof path), &s, &err), ENT_OK, "%s", err.msg);
    int xx[2] = {0, 0};
    cr_assert(ent_scenario_profile_feasible(s, xx), "the commented-out pattern took effect");
    ent_scenario_free(&s);
    n = len;
    n += (size_t)sprintf(text + n, "\n%spayoffs = ( { when = \"a.x & b.z\"; a = 1; b = 1; } );\n", two_actors);
    fails_at(put("long.cfg", text, n, path, sizeof path), 4, "no option or choice 'z'");
    free(text);
}

Test(scenario_input, comment_line_4096_bytes)
{
    long_comment(4095); /* with its newline: 4,096 bytes, one more than the old buffer */
    long_comment(4096);
    long_comment(4097);
}

Test(scenario_input, comment_line_100000_bytes)
{
    long_comment(100000);
}

/* a long line in an included file: the includer's and the included file's lines */
Test(scenario_input, long_line_in_include)
{
    size_t len = 9000;
    char *inc = malloc(len + 64), path[256], ipath[256], text[1024];
    cr_assert_not_null(inc);
    inc[0] = '#';
    memset(inc + 1, 'y', len - 1);
    size_t n = len + (size_t)sprintf(inc + len, "\n\nnot_a_setting = 2;\n");
    put("inc.cfg", inc, n, ipath, sizeof ipath);
    int m = snprintf(text, sizeof text, "title = \"t\";\n@include \"inc.cfg\"\n%s", two_actors);
    put("main.cfg", text, (size_t)m, path, sizeof path);
    free(inc);
    ent_scenario *s;
    ent_error err = {0, ""};
    cr_assert_neq(load(path, &s, &err), ENT_OK);
    char want[600];
    snprintf(want, sizeof want, "%s:3: unknown setting 'not_a_setting'", ipath);
    cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "got: %s", err.msg);
}

/* names and strings of more than 4,095 characters */
Test(scenario_input, long_title_and_option)
{
    size_t len = 4100;
    char *text = malloc(3 * len + 1024), path[256];
    cr_assert_not_null(text);
    int n = sprintf(text, "title = \"");
    memset(text + n, 't', len);
    n += (int)len;
    n += sprintf(text + n, "\";\nactors = ( { id = \"a\"; choices = ( \"");
    memset(text + n, 'o', len);
    n += (int)len;
    n += sprintf(text + n, "\", \"q\" ); } );\npayoffs = ( { when = \"a.q\"; a = 1; } );\n");
    ent_scenario *s;
    ent_error err = {0, ""};
    cr_assert_eq(load(put("names.cfg", text, (size_t)n, path, sizeof path), &s, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(strlen(ent_scenario_title(s)), len);
    ent_scenario_free(&s);
    free(text);
}

/* a string may span lines (as in libconfig): what looks like numbers, comments or
 * brackets inside it is left as it is, and later lines keep their numbers */
Test(scenario_input, multi_line_string_untouched)
{
    static const char text[] = "title = \"two\n2147483648 # { ( [ = \\\" lines\";\n"
                               "actors = ( { id = \"a\"; choices = ( \"x\", \"y\" ); } );\n"
                               "payoffs = ( { a = 1; } );\n";
    char path[256];
    ent_scenario *s;
    ent_error err = {0, ""};
    cr_assert_eq(load(put("ml.cfg", text, sizeof text - 1, path, sizeof path), &s, &err), ENT_OK, "%s", err.msg);
    cr_assert_str_eq(ent_scenario_title(s), "two\n2147483648 # { ( [ = \" lines");
    ent_scenario_free(&s);
    static const char text2[] = "title = \"two\n lines\";\n"
                                "actors = ( { id = \"a\"; choices = ( \"x\", \"y\" ); } );\n"
                                "payoffs = ( { a = 1; } );\nseed = 1e400x;\n";
    fails_at(put("ml.cfg", text2, sizeof text2 - 1, path, sizeof path), 5, "");
}

Test(scenario_input, nul_byte)
{
    static const char text[] = "title = \"t\";\n# a comment\0 with a NUL\nbad = 1;\n";
    char path[256];
    fails_at(put("nul.cfg", text, sizeof text - 1, path, sizeof path), 2, "NUL byte");
    static const char text2[] = "title = \"t\0\";\n";
    fails_at(put("nul2.cfg", text2, sizeof text2 - 1, path, sizeof path), 1, "NUL byte (column 11)");
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* n parameters in the params group */
static char *many_params(int n, size_t *len)
{
    char *text = malloc((size_t)n * 24 + 1024);
    cr_assert_not_null(text);
    size_t k = (size_t)sprintf(text, "params = {\n");
    for (int i = 0; i < n; i++)
        k += (size_t)sprintf(text + k, "  p%d = %d;\n", i, i);
    k += (size_t)sprintf(text + k, "};\n%spayoffs = ( { when = \"a.x\"; a = \"p4321 + p0\"; b = \"p17 - p4999\"; } );\n",
                         two_actors);
    *len = k;
    return text;
}

/* 100,000 parameters: refused quickly with the cap named; 5,000 (the cap) load */
Test(scenario_input, large_groups)
{
    size_t len;
    char path[256];
    char *text = many_params(100000, &len);
    put("p100k.cfg", text, len, path, sizeof path);
    free(text);
    double t0 = seconds();
    fails_at(path, 5002, "more than 5000 settings in one group");
    double dt = seconds() - t0;
    cr_assert_lt(dt, 1.0, "refusing took %.2f s", dt);
    text = many_params(5000, &len);
    put("p5k.cfg", text, len, path, sizeof path);
    free(text);
    ent_scenario *s;
    ent_error err = {0, ""};
    cr_assert_eq(load(path, &s, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_scenario_nparams(s), 5000);
    ent_game *game = NULL; /* parameters found by name among 5,000 (a binary search) */
    cr_assert_eq(ent_scenario_compile(s, &game, &err), ENT_OK, "%s", err.msg);
    uint64_t at = ent_game_profile_index(game, (int[]){0, 0});
    cr_assert(ent_game_payoffs(game, 0)[at] == 4321.0 && ent_game_payoffs(game, 1)[at] == 17.0 - 4999.0);
    ent_game_free(&game);
    ent_scenario_free(&s);
    /* many groups of the largest size: the comparisons over all groups are capped */
    text = malloc(8u << 20);
    cr_assert_not_null(text);
    len = 0;
    for (int g = 0; g < 6; g++) {
        len += (size_t)sprintf(text + len, "g%d = {\n", g);
        for (int i = 0; i < 5000; i++)
            len += (size_t)sprintf(text + len, "  p%d = %d;\n", i, i);
        len += (size_t)sprintf(text + len, "};\n");
    }
    put("groups.cfg", text, len, path, sizeof path);
    free(text);
    /* two full groups make 2 x 12,497,500 comparisons, the root's three settings 3: the
     * 101st setting of the third group (line 10,005 + 101) passes 25,000,000 */
    fails_at(path, 10106, "too many settings together");
}

/* the values of a file are capped: a list of 600,000 numbers is refused at the line
 * where the count passes 500,000, quickly */
Test(scenario_input, values_capped)
{
    size_t n = 600000, len = 0;
    char *text = malloc(n * 3 + 1024), path[256];
    cr_assert_not_null(text);
    len += (size_t)sprintf(text, "%snotes = (\n", two_actors);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "%s1%s", i ? "," : "", i % 1000 == 999 ? "\n" : "");
    len += (size_t)sprintf(text + len, ");\n");
    put("values.cfg", text, len, path, sizeof path);
    free(text);
    double t0 = seconds();
    /* values before the list: 2 actors x (group, id, "a", choices, list, "x", "y") + the
     * actors list and its name = 16, then notes and its list 2: the 500,001st is number
     * 499,983 of the list, on line 3 + 499,982 / 1000 */
    fails_at(path, 3 + 499982 / 1000 + 1, "more than 500000 values");
    double dt = seconds() - t0;
    cr_assert_lt(dt, 1.0, "refusing took %.2f s", dt);
}

Test(scenario_input, no_feasible_state)
{
    static const char text[] =
        "actors = ( { id = \"a\"; options = ( \"deploy\" ); },\n"
        "           { id = \"b\"; options = ( \"strike\" ); } );\n"
        "infeasible = (\n"
        "  \"a.deploy & b.strike\",\n"
        "  \"!a.deploy | !b.strike\", \"a.deploy & !b.strike\"\n"
        ");\n"
        "payoffs = ( { when = \"a.deploy\"; a = 1; b = 1; } );\n";
    char path[256];
    fails_at(put("nofeas.cfg", text, sizeof text - 1, path, sizeof path), 5, "no feasible state");
    /* with one profile left it loads */
    static const char text2[] =
        "actors = ( { id = \"a\"; options = ( \"deploy\" ); },\n"
        "           { id = \"b\"; options = ( \"strike\" ); } );\n"
        "infeasible = ( \"a.deploy & b.strike\", \"!a.deploy & !b.strike\", \"a.deploy & !b.strike\" );\n"
        "payoffs = ( { when = \"a.deploy\"; a = 1; b = 1; } );\n";
    ent_scenario *s;
    ent_error err = {0, ""};
    cr_assert_eq(load(put("onefeas.cfg", text2, sizeof text2 - 1, path, sizeof path), &s, &err), ENT_OK,
                 "%s", err.msg);
    int ok = 0;
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            ok += ent_scenario_profile_feasible(s, (int[]){a, b});
    cr_assert_eq(ok, 1);
    ent_scenario_free(&s);
}

Test(scenario_input, contradictory_irreversibility)
{
    static const char text[] =
        "actors = ( { id = \"a\"; options = ( \"deploy\" ); },\n"
        "           { id = \"b\"; options = ( \"strike\" ); } );\n"
        "irreversible = (\n"
        "  \"a.deploy\", \"b.strike\",\n"
        "  \"!a.deploy\", \"!b.strike\"\n"
        ");\n"
        "payoffs = ( { when = \"a.deploy\"; a = 1; b = 1; } );\n";
    char path[256];
    fails_at(put("irr.cfg", text, sizeof text - 1, path, sizeof path), 5,
             "\"!a.deploy\" contradicts \"a.deploy\" (line 4)");
    /* the last string of a list, its ')' on a later line after comments: still its line
     * (libconfig alone would give the line of the ')') */
    static const char text2[] =
        "actors = ( { id = \"a\"; options = ( \"deploy\" ); },\n"
        "           { id = \"b\"; options = ( \"strike\" ); } );\n"
        "irreversible = (\n"
        "  \"!a.deploy\",\n"
        "  \"a.deploy\"   # the same option the other way\n"
        "  /* a block\n comment */\n"
        "\n"
        ");\n"
        "payoffs = ( { when = \"a.deploy\"; a = 1; b = 1; } );\n";
    fails_at(put("irr2.cfg", text2, sizeof text2 - 1, path, sizeof path), 5,
             "\"a.deploy\" contradicts \"!a.deploy\" (line 4)");
    /* and the lines after it keep their numbers */
    static const char text3[] =
        "actors = ( { id = \"a\"; options = ( \"deploy\" ); } );\n"
        "irreversible = (\n"
        "  \"a.deploy\"  # c\n"
        "\n"
        ");\n"
        "payoffs = ( { when = \"a.deploy\"; a = 1; },\n"
        "            { when = \"a.dploy\"; a = 2; } );\n";
    fails_at(put("irr3.cfg", text3, sizeof text3 - 1, path, sizeof path), 7, "did you mean 'deploy'");
}

static void nested(int depth, int line_of_error, const char *what)
{
    char *text = malloc((size_t)depth * 2 + 256), path[256];
    cr_assert_not_null(text);
    int n = sprintf(text, "title = \"t\";\nnotes = ");
    for (int i = 0; i < depth; i++)
        text[n++] = '(';
    text[n++] = '1';
    for (int i = 0; i < depth; i++)
        text[n++] = ')';
    n += sprintf(text + n, ";\n");
    fails_at(put("deep.cfg", text, (size_t)n, path, sizeof path), line_of_error, what);
    free(text);
}

Test(scenario_input, nesting_limit)
{
    nested(64, 2, "notes must be a string");
    nested(65, 2, "nested more than 64 deep (the nesting limit)");
    nested(100000, 2, "nested more than 64 deep (the nesting limit)");
}
