/* Operand buffers for the GEMM apps: a bump allocator over the DRAM above the image (which
 * link.ld keeps within the first 16 MiB), so a 1024 x 1024 problem needs neither a large heap
 * nor megabytes of .bss to clear at start-up. The board's default DRAM is 256 MiB. */
#ifndef APPS_GEMM_ARENA_H
#define APPS_GEMM_ARENA_H

#include <stddef.h>
#include <stdint.h>

/* Frees everything allocated so far. */
void arena_reset(void);

/* 64-byte aligned (a DMA burst never starts mid-line); NULL when the DRAM is exhausted. */
void *arena_alloc(size_t bytes);

static inline uint64_t bus_addr(const void *p) { return (uint64_t)(uintptr_t)p; }

#endif
