/* test_efg_fuzz.c — replays the fuzz corpus tests/fuzz/corpus/efg/ through the libFuzzer
 * target's property check (tests/fuzz/fuzz_efg.c, included here), without a fuzzer. */
#define ENT_FUZZ_REPLAY
#include "../fuzz/fuzz_efg.c"
#include "corpus.h"

Test(efg_fuzz, replay_corpus)
{
    replay_corpus("tests/fuzz/corpus/efg", efg_fuzz_one, 40);
}
