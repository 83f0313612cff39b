/* test_expr.c — the scenario expression compiler: precedence and associativity against
 * hand-computed values, short-circuit evaluation, names and literals, error messages with
 * the column and "did you mean", evaluation errors, and evaluation that allocates nothing
 * and gives the same answers from several threads at once. */
#include <criterion/criterion.h>
#include <malloc.h>
#include <math.h>
#include <string.h>

#include "entente.h"
#include "../../games/expr.h"

static const char *const pnames[] = {"x", "war_cost", "zero"};
static const char *const a0items[] = {"deploy", "engage"};
static const char *const a1items[] = {"ceasefire"};
static const char *const *const items[] = {a0items, a1items};
static const char *const actors[] = {"coalition", "russia"};
static const int nitems[] = {2, 1};
static const int litbase[] = {0, 2};
static const char *const attrs[] = {"troops", "weight"};

static ent_expr_syms syms(unsigned allow)
{
    ent_expr_syms s = {allow, 3, pnames, 2, actors, nitems, items, litbase, 2, attrs, NULL};
    return s;
}

static double ev(const char *text)
{
    ent_expr_syms sy = syms(ENT_EXPR_LITS | ENT_EXPR_PARAMS);
    ent_expr *e;
    ent_error err;
    int rc = ent_expr_compile(text, &sy, "t.cfg", 1, &e, &err);
    cr_assert_eq(rc, ENT_OK, "%s: %s", text, err.msg);
    double params[3] = {2.0, 5.0, 0.0};
    unsigned char lits[3] = {1, 0, 1}; /* deploy on, engage off, russia.ceasefire on */
    ent_expr_env env = {.params = params, .lits = lits};
    double v = NAN;
    rc = ent_expr_eval(e, &env, &v, &err);
    cr_assert_eq(rc, ENT_OK, "%s: %s", text, err.msg);
    ent_expr_free(&e);
    return v;
}

static void compile_fails(const char *text, unsigned allow, const char *want)
{
    ent_expr_syms sy = syms(allow);
    ent_expr *e = NULL;
    ent_error err = {0, ""};
    int rc = ent_expr_compile(text, &sy, "t.cfg", 7, &e, &err);
    cr_assert_neq(rc, ENT_OK, "'%s' compiled", text);
    cr_assert_null(e);
    cr_assert_str_eq(err.msg, want, "'%s': got '%s'", text, err.msg);
}

Test(expr, precedence)
{
    cr_assert_eq(ev("1 + 2 * 3"), 7.0);
    cr_assert_eq(ev("(1 + 2) * 3"), 9.0);
    cr_assert_eq(ev("10 - 4 - 3"), 3.0);     /* left-associative */
    cr_assert_eq(ev("100 / 10 / 5"), 2.0);
    cr_assert_eq(ev("2 ^ 3 ^ 2"), 512.0);    /* right-associative */
    cr_assert_eq(ev("-2 ^ 2"), -4.0);        /* ^ binds tighter than unary minus */
    cr_assert_eq(ev("2 * -3"), -6.0);
    cr_assert_eq(ev("1 + 2 < 4"), 1.0);      /* arithmetic before comparison */
    cr_assert_eq(ev("3 > 2 == 1"), 1.0);     /* relational before equality */
    cr_assert_eq(ev("1 | 0 & 0"), 1.0);      /* & before | */
    cr_assert_eq(ev("1 || 0 && 0"), 1.0);
    cr_assert_eq(ev("!0 + 1"), 2.0);
    cr_assert_eq(ev("!(0 + 1)"), 0.0);
    cr_assert_eq(ev("0 ? 1 : 2 ? 3 : 4"), 3.0);  /* ?: right-associative */
    cr_assert_eq(ev("1 ? 2 : 3 + 10"), 2.0);
    cr_assert_eq(ev("1 != 2"), 1.0);
    cr_assert_eq(ev("2 >= 2 & 2 <= 2 & !(2 < 2) & !(2 > 2)"), 1.0);
    cr_assert_eq(ev("5 && 7"), 1.0);         /* logical results are 0/1 */
    cr_assert_eq(ev("0 || 7"), 1.0);
}

Test(expr, numbers_and_functions)
{
    cr_assert_eq(ev("1e3 + .5 + 2.25E-2"), 1000.5225);
    cr_assert_eq(ev("min(3, 1, 2)"), 1.0);
    cr_assert_eq(ev("max(3, 1, 2)"), 3.0);
    cr_assert_eq(ev("abs(-3)"), 3.0);
    cr_assert_eq(ev("sqrt(16)"), 4.0);
    cr_assert_eq(ev("exp(0)"), 1.0);
    cr_assert_float_eq(ev("log(exp(2))"), 2.0, 1e-12);
}

Test(expr, names_and_literals)
{
    cr_assert_eq(ev("x * war_cost"), 10.0);
    cr_assert_eq(ev("coalition.deploy"), 1.0);
    cr_assert_eq(ev("coalition.engage"), 0.0);
    cr_assert_eq(ev("coalition.deploy & !coalition.engage & russia.ceasefire"), 1.0);
    cr_assert_eq(ev("coalition.engage ? -war_cost : x"), 2.0);
}

Test(expr, short_circuit)
{
    /* the branch not taken is not evaluated, so it cannot fail */
    cr_assert_eq(ev("0 && 1 / zero"), 0.0);
    cr_assert_eq(ev("1 || 1 / zero"), 1.0);
    cr_assert_eq(ev("zero > 0 ? 1 / zero : 7"), 7.0);
}

Test(expr, uses_and_actors)
{
    ent_expr_syms sy = syms(ENT_EXPR_LITS | ENT_EXPR_PARAMS);
    ent_expr *e;
    cr_assert_eq(ent_expr_compile("russia.ceasefire * x", &sy, "t.cfg", 1, &e, NULL), ENT_OK);
    cr_assert_eq(ent_expr_uses(e), ENT_EXPR_USES_LITS | ENT_EXPR_USES_PARAMS);
    cr_assert_eq(ent_expr_actors(e), 2u);
    ent_expr_free(&e);
    cr_assert_null(e);
}

Test(expr, compile_errors)
{
    unsigned lp = ENT_EXPR_LITS | ENT_EXPR_PARAMS;
    compile_fails("1 + * 2", lp, "t.cfg:7: in \"1 + * 2\" at column 5: unexpected '*'");
    compile_fails("war_cst * 2", lp,
                  "t.cfg:7: in \"war_cst * 2\" at column 1: unknown parameter 'war_cst' (did you mean 'war_cost'?)");
    compile_fails("russia.ceasfire", lp,
                  "t.cfg:7: in \"russia.ceasfire\" at column 8: actor 'russia' has no option or choice 'ceasfire' (did you mean 'ceasefire'?)");
    compile_fails("rusia.ceasefire", lp,
                  "t.cfg:7: in \"rusia.ceasefire\" at column 1: unknown actor 'rusia' (did you mean 'russia'?)");
    compile_fails("(1 + 2", lp, "t.cfg:7: in \"(1 + 2\" at column 7: missing ')' at the end");
    compile_fails("1 + 2)", lp, "t.cfg:7: in \"1 + 2)\" at column 6: unbalanced ')'");
    compile_fails("1 ? 2", lp, "t.cfg:7: in \"1 ? 2\" at column 6: expected ':' of the '?' at column 3");
    compile_fails("", lp, "t.cfg:7: in \"\" at column 1: expression ends too early");
    compile_fails("2x", lp, "t.cfg:7: in \"2x\" at column 2: unexpected 'x' after a number");
    compile_fails("sqrt(1, 2)", lp, "t.cfg:7: in \"sqrt(1, 2)\" at column 1: sqrt() takes one argument, not 2");
    compile_fails("max(1)", lp, "t.cfg:7: in \"max(1)\" at column 1: max() needs two or more numbers");
    compile_fails("x == 1 # note", lp, "t.cfg:7: in \"x == 1 # note\" at column 8: unexpected '#' after a complete expression");
    compile_fails("russia.ceasefire", ENT_EXPR_PARAMS,
                  "t.cfg:7: in \"russia.ceasefire\" at column 1: 'russia.ceasefire': actor options cannot be used here");
    compile_fails("x & coalition.deploy", ENT_EXPR_LITS,
                  "t.cfg:7: in \"x & coalition.deploy\" at column 1: parameters cannot be used here ('x')");
    compile_fails("sum(troops)", lp,
                  "t.cfg:7: in \"sum(troops)\" at column 1: sum() is a coalition aggregate, usable only in the coalition block");
    compile_fails("sum(troop)", ENT_EXPR_AGG | ENT_EXPR_PARAMS,
                  "t.cfg:7: in \"sum(troop)\" at column 5: unknown member attribute 'troop' (did you mean 'troops'?)");
    compile_fails("member.weigth", ENT_EXPR_AGG | ENT_EXPR_MEMBER,
                  "t.cfg:7: in \"member.weigth\" at column 8: unknown member attribute 'weigth' (did you mean 'weight'?)");
    char deep[400];
    memset(deep, '(', 150);
    deep[150] = '1';
    memset(deep + 151, ')', 150);
    deep[301] = '\0';
    ent_expr_syms sy = syms(lp);
    ent_expr *e;
    ent_error err;
    cr_assert_eq(ent_expr_compile(deep, &sy, "t.cfg", 1, &e, &err), ENT_EPARSE);
    cr_assert(strstr(err.msg, "nested too deeply"), "%s", err.msg);
}

static int eval_err(const char *text, ent_error *err)
{
    ent_expr_syms sy = syms(ENT_EXPR_LITS | ENT_EXPR_PARAMS);
    ent_expr *e;
    cr_assert_eq(ent_expr_compile(text, &sy, "t.cfg", 3, &e, NULL), ENT_OK);
    double params[3] = {2.0, 5.0, 0.0}, v;
    unsigned char lits[3] = {0, 0, 0};
    ent_expr_env env = {.params = params, .lits = lits};
    int rc = ent_expr_eval(e, &env, &v, err);
    ent_expr_free(&e);
    return rc;
}

Test(expr, evaluation_errors)
{
    ent_error err;
    cr_assert_eq(eval_err("1 + x / zero", &err), ENT_ENUMERIC);
    cr_assert_str_eq(err.msg, "t.cfg:3: in \"1 + x / zero\" at column 7: division by zero");
    cr_assert_eq(eval_err("log(zero)", &err), ENT_ENUMERIC);
    cr_assert_str_eq(err.msg, "t.cfg:3: in \"log(zero)\" at column 1: log() of a number that is not positive");
    cr_assert_eq(eval_err("sqrt(-x)", &err), ENT_ENUMERIC);
    cr_assert_eq(eval_err("exp(1000)", &err), ENT_ENUMERIC);
    cr_assert_eq(eval_err("10 ^ 400", &err), ENT_ENUMERIC);
    cr_assert_eq(eval_err("1e308 * 10", &err), ENT_ENUMERIC);
    cr_assert_str_eq(err.msg, "t.cfg:3: in \"1e308 * 10\" at column 1: the value is not finite");
}

Test(expr, coalition_aggregates)
{
    ent_expr_syms sy = syms(ENT_EXPR_AGG | ENT_EXPR_PARAMS | ENT_EXPR_MEMBER | ENT_EXPR_VALUE);
    ent_expr *e;
    ent_error err;
    cr_assert_eq(ent_expr_compile("sum(troops) + 10 * max(weight) + 100 * min(troops) + 1000 * count() + "
                                  "min(1, 2) + member.weight * inside + value",
                                  &sy, "t.cfg", 1, &e, &err),
                 ENT_OK, "%s", err.msg);
    double at[6] = {1, 2, 3, 4, 5, 6}; /* member-major: (troops, weight) */
    int mem[2] = {0, 2};
    double params[3] = {0, 0, 0}, v;
    ent_expr_env env = {.params = params, .attrs = at, .nattrs = 2, .members = mem, .m = 2,
                        .member = 1, .inside = 1, .value = 0.5};
    cr_assert_eq(ent_expr_eval(e, &env, &v, NULL), ENT_OK);
    /* sum troops 1+5=6; max weight 6 -> 60; min troops 1 -> 100; count 2 -> 2000; 1; 4*1; .5 */
    cr_assert_eq(v, 6 + 60 + 100 + 2000 + 1 + 4 + 0.5);
    env.m = 0; /* empty coalition: sum 0, max/min 0, count 0 */
    env.inside = 0;
    cr_assert_eq(ent_expr_eval(e, &env, &v, NULL), ENT_OK);
    cr_assert_eq(v, 1.5);
    ent_expr_free(&e);
}

Test(expr, evaluation_allocates_nothing_and_is_reentrant)
{
    ent_expr_syms sy = syms(ENT_EXPR_LITS | ENT_EXPR_PARAMS);
    ent_expr *e;
    cr_assert_eq(ent_expr_compile("coalition.deploy ? x * war_cost - max(x, 1) ^ 2 : -x", &sy, "t.cfg", 1, &e,
                                  NULL),
                 ENT_OK);
    double params[3] = {2.0, 5.0, 0.0};
    unsigned char lits[3] = {1, 0, 0};
    ent_expr_env env = {.params = params, .lits = lits};
    double v = 0, sum = 0;
    struct mallinfo2 before = mallinfo2();
    for (int i = 0; i < 100000; i++) {
        cr_assert_eq(ent_expr_eval(e, &env, &v, NULL), ENT_OK);
        sum += v;
    }
    struct mallinfo2 after = mallinfo2();
    cr_assert_eq(before.uordblks, after.uordblks);
    cr_assert_eq(before.arena, after.arena);
    cr_assert_eq(sum, 100000 * 6.0);
    /* the same compiled expression from several threads */
    double out[4] = {0, 0, 0, 0};
#pragma omp parallel for num_threads(4)
    for (int t = 0; t < 4; t++) {
        unsigned char l[3] = {(unsigned char)(t & 1), 0, 0};
        ent_expr_env en = {.params = params, .lits = l};
        double acc = 0, w;
        for (int i = 0; i < 10000; i++)
            if (ent_expr_eval(e, &en, &w, NULL) == ENT_OK)
                acc += w;
        out[t] = acc;
    }
    cr_assert_eq(out[0], 10000 * -2.0);
    cr_assert_eq(out[1], 10000 * 6.0);
    cr_assert_eq(out[2], out[0]);
    cr_assert_eq(out[3], out[1]);
    ent_expr_free(&e);
}

Test(expr, nearest)
{
    const char *const names[] = {"deploy_cost", "war_cost", "q_backstop"};
    cr_assert_str_eq(ent_expr_nearest("deploy_cst", 10, names, 3), "deploy_cost");
    cr_assert_str_eq(ent_expr_nearest("q_back", 6, names, 3), "q_backstop"); /* prefix */
    cr_assert_null(ent_expr_nearest("zzz", 3, names, 3));
}
