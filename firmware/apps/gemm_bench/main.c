/* gemm_bench: square bf16 GEMMs (fp32 output) on the matrix engine, next to the same GEMM on
 * the RISC-V alone. For each size, one line scripts can read:
 *   gemm m=512 n=512 k=512 cycles=C util=0.UU bytes=B gflops=G.GG cpu_cycles=P speedup=S.SS
 * cycles: the engine's busy cycles (perf counter); util: MACs / (rows x cols x cycles);
 * bytes: DMA bytes read plus written; gflops: 2 M N K / (cycles at the engine's clock);
 * cpu_cycles: mcycle over the same GEMM in firmware C (drivers/matrix/matrix_ref.c), "-"
 * above GEMM_BENCH_CPU_MAX; speedup: CPU time over engine busy time (the cycle ratio when
 * both clocks are equal), "-" without the CPU run.
 * Then a check line:
 *   gemm_check m=512 n=512 k=512 seed=1 checksum=0x... sampled=32/32 full=ok|-
 * checksum is gemm_data.h's over C, which `sw/gemm_ref --m 512 --n 512 --k 512 --seed 1
 * --checksum` reproduces on the host; sampled compares that many elements with the RISC-V
 * reference, full the whole result when the CPU ran it.
 * Regions of interest: id = size for the engine's GEMM, 100000 + size for the CPU's.
 * Exit 0 if every check passed, 1 if one failed, 2 without an engine. */
#include <stdio.h>
#include <string.h>
#include "../gemm_common/arena.h"
#include "bsp/bsp.h"
#include "bsp/csr.h"
#include "drivers/matrix/matrix_ref.h"
#include "sw/gemm_ref/gemm_data.h"

#ifndef GEMM_BENCH_MAX
#define GEMM_BENCH_MAX 1024 /* largest size run */
#endif
#ifndef GEMM_BENCH_CPU_MAX
#define GEMM_BENCH_CPU_MAX 256 /* largest size also run on the CPU: 512 takes ~10 s host */
#endif
#define GEMM_BENCH_SEED 1u
#define SAMPLES 32u
#define CPU_ROI_BASE 100000u

static const uint32_t sizes[] = {64, 128, 256, 512, 1024};

static uint64_t read_mcycle(void)
{
    uint32_t hi, lo;
    do {
        hi = csr_read(mcycleh);
        lo = csr_read(mcycle);
    } while (hi != csr_read(mcycleh));
    return ((uint64_t)hi << 32) | lo;
}

/* v / 100 with two decimals, as "12.34" (no float printf needed). */
static void print_centi(const char *key, uint64_t centi)
{
    printf(" %s=%llu.%02llu", key, (unsigned long long)(centi / 100),
           (unsigned long long)(centi % 100));
}

/* SAMPLES elements spread over C by the generator, each recomputed on the CPU. */
static unsigned check_samples(const struct matrix_gemm *g, const float *c)
{
    uint32_t state = gemm_rng_init(GEMM_BENCH_SEED, 99), good = 0;
    for (unsigned s = 0; s < SAMPLES; ++s) {
        uint32_t i = s == 0 ? 0 : s == 1 ? g->m - 1 : gemm_rng_next(&state) % g->m;
        uint32_t j = s == 0 ? 0 : s == 1 ? g->n - 1 : gemm_rng_next(&state) % g->n;
        float want = matrix_ref_dot(g, i, j, 0.0f);
        good += matrix_float_bits(want) == matrix_float_bits(c[(size_t)i * g->n + j]);
    }
    return good;
}

/* Runs one size; false if a check failed. */
static bool bench(uint32_t s, const struct matrix_info *info)
{
    arena_reset();
    size_t elems = (size_t)s * s;
    uint16_t *a = arena_alloc(elems * 2), *b = arena_alloc(elems * 2);
    float *c = arena_alloc(elems * 4);
    if (!a || !b || !c) {
        printf("gemm_bench: %lu x %lu does not fit the DRAM\n", (unsigned long)s,
               (unsigned long)s);
        return false;
    }
    gemm_data_fill_bf16(a, s, s, s, GEMM_BENCH_SEED, GEMM_STREAM_A);
    gemm_data_fill_bf16(b, s, s, s, GEMM_BENCH_SEED, GEMM_STREAM_B);
    struct matrix_gemm g = {.a = bus_addr(a), .b = bus_addr(b), .c = bus_addr(c), .m = s,
                            .n = s, .k = s};

    struct matrix_perf perf;
    matrix_perf_reset();
    roi_begin(s);
    int err = matrix_run(&g);
    roi_end(s);
    matrix_perf_read(&perf);
    if (err) {
        char why[96];
        printf("gemm_bench: %lu^3 failed: %s\n", (unsigned long)s,
               matrix_describe_error(why, sizeof why, matrix_last_error()));
        return false;
    }
    uint64_t cycles = perf.busy_cycles ? perf.busy_cycles : 1;
    uint64_t flops = 2ull * s * s * s;
    uint64_t pes = (uint64_t)info->array_rows * info->array_cols;
    /* Rounded to the nearest hundredth. */
    uint64_t util_centi = (perf.macs * 200 / (pes * cycles) + 1) / 2;
    uint64_t gflops_centi = (flops * info->clock_mhz / 5 / cycles + 1) / 2;
    uint64_t engine_ns_x1000 = cycles * 1000000 / info->clock_mhz;

    uint32_t checksum = gemm_checksum_f32((const uint32_t *)c, s, s, s);
    unsigned sampled = check_samples(&g, c);
    bool full_ok = true, cpu = s <= GEMM_BENCH_CPU_MAX;
    uint64_t cpu_cycles = 0, cpu_ns = 0;
    if (cpu) {
        float *ref = arena_alloc(elems * 4);
        if (!ref) {
            printf("gemm_bench: no DRAM for the CPU's result\n");
            return false;
        }
        roi_begin(CPU_ROI_BASE + s);
        uint64_t t0 = sim_time_ns(), c0 = read_mcycle();
        matrix_ref_gemm(&g, ref, s);
        uint64_t c1 = read_mcycle(), t1 = sim_time_ns();
        roi_end(CPU_ROI_BASE + s);
        cpu_cycles = c1 - c0;
        cpu_ns = t1 - t0;
        full_ok = memcmp(ref, c, elems * 4) == 0;
    }

    printf("gemm m=%lu n=%lu k=%lu cycles=%llu", (unsigned long)s, (unsigned long)s,
           (unsigned long)s, (unsigned long long)perf.busy_cycles);
    print_centi("util", util_centi);
    printf(" bytes=%llu", (unsigned long long)(perf.bytes_read + perf.bytes_written));
    print_centi("gflops", gflops_centi);
    if (cpu) {
        printf(" cpu_cycles=%llu", (unsigned long long)cpu_cycles);
        print_centi("speedup", (cpu_ns * 200000 / engine_ns_x1000 + 1) / 2);
        printf("\n");
    } else {
        printf(" cpu_cycles=- speedup=-\n");
    }
    printf("gemm_check m=%lu n=%lu k=%lu seed=%lu checksum=0x%08lx sampled=%u/%u full=%s\n",
           (unsigned long)s, (unsigned long)s, (unsigned long)s, (unsigned long)GEMM_BENCH_SEED,
           (unsigned long)checksum, sampled, SAMPLES, cpu ? (full_ok ? "ok" : "FAIL") : "-");
    return sampled == SAMPLES && full_ok && perf.busy_cycles != 0;
}

int main(void)
{
    struct matrix_info info;
    int err = matrix_probe(&info);
    if (err) {
        printf("gemm_bench: no usable matrix engine at 0x%08lx: %s\n",
               (unsigned long)ACCELVP_MATRIX_BASE, matrix_strerror(err));
        return 2;
    }
    printf("gemm_bench: engine %lux%lu at %lu MHz, sizes up to %u, CPU reference up to %u\n",
           (unsigned long)info.array_rows, (unsigned long)info.array_cols,
           (unsigned long)info.clock_mhz, GEMM_BENCH_MAX, GEMM_BENCH_CPU_MAX);
    /* Interrupt-driven completion: the CPU sleeps in wfi instead of polling, which keeps
     * the host fast and the CPU's own statistics out of the engine's regions. */
    matrix_irq_init(true);
    matrix_set_timeout_us(10000000); /* 10 s simulated: far above 1024^3 */
    bool ok = true;
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; ++i)
        if (sizes[i] <= GEMM_BENCH_MAX)
            ok = bench(sizes[i], &info) && ok;
    printf("gemm_bench: %s\n", ok ? "all checks passed" : "a check FAILED");
    return ok ? 0 : 1;
}
