/* cpubench: a CPU-bound benchmark in the spirit of CoreMark (written for this project):
 * linked-list search and merge sort, a small integer matrix multiply and a state machine
 * over text, all folded into a CRC-16. Runs CPUBENCH_ITERATIONS iterations, timed with the
 * CLINT's mtime, and prints one line:
 *   cpubench iterations=N checksum=0xCCCC sim_us=T iter_per_sim_s=R.RRR instructions=I
 * Exit 0 if the checksum matches the reference for N iterations, 1 otherwise (also when no
 * reference is known for N). The loop is a simulation-control region of interest (id 1). */
#include <stdio.h>
#include "bsp/bsp.h"
#include "bsp/clint.h"
#include "bsp/csr.h"
#include "cpubench.h"

/* About 183 million instructions at the default (-O2, rv32imafc): ~91,400 per iteration. */
#ifndef CPUBENCH_ITERATIONS
#define CPUBENCH_ITERATIONS 2000
#endif

#define CPUBENCH_ROI 1

/* Checksums for a few iteration counts; the default's is the one that matters. Integer code
 * only, so they do not depend on the compiler's optimisation level (checked -O0..-O3, -Os). */
static const struct {
    uint32_t iterations;
    uint16_t checksum;
} references[] = {
    {1, 0x9db1},
    {10, 0x6854},
    {100, 0x08e1},
    {2000, 0x67ac},
};

static uint64_t read_instret(void)
{
    uint32_t hi, lo;
    do {
        hi = csr_read(minstreth);
        lo = csr_read(minstret);
    } while (hi != csr_read(minstreth));
    return ((uint64_t)hi << 32) | lo;
}

int main(void)
{
    const uint32_t iterations = CPUBENCH_ITERATIONS;
    bool roi = bsp_on_accelvp();
    uint16_t crc = 0xffff;

    uint64_t instret_start = read_instret();
    uint64_t t_start = clint_mtime();
    if (roi)
        roi_begin(CPUBENCH_ROI);
    for (uint32_t i = 0; i < iterations; ++i) {
        uint32_t seed = i * 0x9e3779b9u + 0x2545f491u;
        crc = bench_list(seed, crc);
        crc = bench_matrix(seed, crc);
        crc = bench_state(seed, crc);
    }
    if (roi)
        roi_end(CPUBENCH_ROI);
    uint64_t ticks = clint_mtime() - t_start;
    uint64_t instructions = read_instret() - instret_start;

    if (ticks == 0)
        ticks = 1;
    uint64_t iter_per_s_milli = (uint64_t)iterations * CLINT_TIMEBASE_HZ * 1000u / ticks;
    printf("cpubench iterations=%lu checksum=0x%04x sim_us=%llu iter_per_sim_s=%llu.%03llu "
           "instructions=%llu\n",
           (unsigned long)iterations, crc, (unsigned long long)clint_ticks_to_us(ticks),
           (unsigned long long)(iter_per_s_milli / 1000),
           (unsigned long long)(iter_per_s_milli % 1000),
           (unsigned long long)instructions);

    for (unsigned k = 0; k < sizeof references / sizeof references[0]; ++k)
        if (references[k].iterations == iterations)
            return references[k].checksum == crc ? 0 : 1;
    printf("cpubench: no reference checksum for %lu iterations\n", (unsigned long)iterations);
    return 1;
}
