/* test_scenario_fuzz.c — replays the fuzz corpus tests/fuzz/corpus/scenario/ through the
 * libFuzzer target's property check (tests/fuzz/fuzz_scenario.c, included here), without
 * a fuzzer. */
#define ENT_FUZZ_REPLAY
#include "../fuzz/fuzz_scenario.c"
#include "corpus.h"

Test(scenario_fuzz, replay_corpus)
{
    replay_corpus("tests/fuzz/corpus/scenario", scenario_fuzz_one, 60);
}
