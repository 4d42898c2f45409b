/* memcpy_bench: memory bandwidth as firmware measures it.
 *
 * Copies with the DMA device (through the interconnect to the timed DRAM and the SRAM) and
 * with the CPU (picolibc's memcpy; the CPU reaches memory by DMI, so this measures the core,
 * not the memory). Each copy is a region of interest, so stats.json holds the DRAM's and the
 * interconnect's own counters for exactly that copy: tests/integration checks that the
 * bandwidth printed here agrees with them. Every copy is verified.
 *
 * One line per copy:
 *   memcpy engine=dma src=dram dst=dram bytes=4194304 ns=... gbs=...
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bsp/bsp.h"
#include "bsp/simctrl.h"
#include "drivers/dma/dma.h"
#include "platform/memory_map.h"

/* Buffers well above the image (linked at the bottom of DRAM) and apart in the address
 * mapping. */
#define DRAM_SRC (ACCELVP_DRAM_BASE + 0x04000000u)
#define DRAM_DST (ACCELVP_DRAM_BASE + 0x06000000u)
#define SRAM_BUF (ACCELVP_SRAM_BASE + 0x00010000u) /* 192 KiB free above it */

static void fill(uint32_t addr, uint32_t bytes, uint32_t seed)
{
    volatile uint32_t *p = (volatile uint32_t *)addr;
    for (uint32_t i = 0; i < bytes / 4; ++i)
        p[i] = seed ^ (i * 2654435761u);
}

static int same(uint32_t a, uint32_t b, uint32_t bytes)
{
    return memcmp((const void *)a, (const void *)b, bytes) == 0;
}

/* Bytes per ns is GB/s; printed with three decimals without floating point. */
static void report(const char *engine, const char *src, const char *dst, uint32_t bytes,
                   uint64_t ns)
{
    uint64_t milli = ns ? (uint64_t)bytes * 1000u / ns : 0;
    printf("memcpy engine=%s src=%s dst=%s bytes=%lu ns=%lu gbs=%lu.%03lu\n", engine, src, dst,
           (unsigned long)bytes, (unsigned long)ns, (unsigned long)(milli / 1000),
           (unsigned long)(milli % 1000));
}

static int dma_case(uint32_t roi, const char *src_name, uint32_t src, const char *dst_name,
                    uint32_t dst, uint32_t bytes)
{
    fill(src, bytes, roi);
    memset((void *)dst, 0, bytes);
    roi_begin(roi);
    uint64_t t0 = sim_time_ns();
    uint32_t err = dma_copy(dst, src, bytes);
    uint64_t t1 = sim_time_ns();
    roi_end(roi);
    if (err) {
        printf("memcpy: DMA copy failed: %s at 0x%08lx\n", dma_error_name(err),
               (unsigned long)dma_error_info());
        return 1;
    }
    if (!same(src, dst, bytes)) {
        printf("memcpy: DMA copy %s -> %s is wrong\n", src_name, dst_name);
        return 1;
    }
    report("dma", src_name, dst_name, bytes, t1 - t0);
    return 0;
}

static int cpu_case(uint32_t roi, uint32_t bytes)
{
    fill(DRAM_SRC, bytes, roi);
    roi_begin(roi);
    uint64_t t0 = sim_time_ns();
    memcpy((void *)DRAM_DST, (const void *)DRAM_SRC, bytes);
    uint64_t t1 = sim_time_ns();
    roi_end(roi);
    if (!same(DRAM_SRC, DRAM_DST, bytes)) {
        printf("memcpy: CPU copy is wrong\n");
        return 1;
    }
    report("cpu", "dram", "dram", bytes, t1 - t0);
    return 0;
}

int main(void)
{
    if (!bsp_on_accelvp() || !dma_present()) {
        printf("memcpy: needs the accelvp board with its DMA device\n");
        return 2;
    }
    int failures = 0;
    failures += dma_case(1, "dram", DRAM_SRC, "dram", DRAM_DST, 4u << 20);
    failures += dma_case(2, "dram", DRAM_SRC, "sram", SRAM_BUF, 128u << 10);
    failures += dma_case(3, "sram", SRAM_BUF, "dram", DRAM_DST, 128u << 10);
    failures += cpu_case(4, 256u << 10);

    /* A copy from an unmapped address reports a read error naming it. */
    uint32_t err = dma_copy(DRAM_DST, 0x40000000u, 4096);
    if (err != 4 /* DMA_ERR_READ */ || dma_error_info() != 0x40000000u) {
        printf("memcpy: expected a read error at 0x40000000, got %s at 0x%08lx\n",
               dma_error_name(err), (unsigned long)dma_error_info());
        ++failures;
    }
    printf("memcpy: %s\n", failures ? "FAILED" : "all copies verified");
    return failures ? 1 : 0;
}
