/* test_nfg_fuzz.c — replays the fuzz corpus tests/fuzz/corpus/nfg/ through the libFuzzer
 * target's property check (tests/fuzz/fuzz_nfg.c, included here), without a fuzzer. */
#include "../fuzz/fuzz_nfg.c"
#include "corpus.h"

Test(nfg_fuzz, replay_corpus)
{
    replay_corpus("tests/fuzz/corpus/nfg", nfg_fuzz_one, 40);
}
