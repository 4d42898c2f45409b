/* CLINT: machine timer (mtime/mtimecmp) and software interrupt (msip) of hart 0. */
#ifndef BSP_CLINT_H
#define BSP_CLINT_H

#include "mmio.h"
#include "platform/memory_map.h"
#include "ip/clint/clint_regs.h"

/* mtime ticks per second: the board's soc.clint.timebase_hz (platform/boards/default.json),
 * which is also QEMU virt's. */
#define CLINT_TIMEBASE_HZ 10000000u

#define CLINT_REG(off) (ACCELVP_CLINT_BASE + (off))

/* A 64-bit counter read as two 32-bit halves: re-read if the high half moved in between. */
static inline uint64_t clint_mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = mmio_read32(CLINT_REG(CLINT_MTIME + 4));
        lo = mmio_read32(CLINT_REG(CLINT_MTIME));
    } while (hi != mmio_read32(CLINT_REG(CLINT_MTIME + 4)));
    return ((uint64_t)hi << 32) | lo;
}

/* Writes mtimecmp without passing through a smaller value (which could fire early): high
 * half to all ones first, then low, then the real high half. */
static inline void clint_set_mtimecmp(uint64_t t)
{
    mmio_write32(CLINT_REG(CLINT_MTIMECMP + 4), 0xffffffffu);
    mmio_write32(CLINT_REG(CLINT_MTIMECMP), (uint32_t)t);
    mmio_write32(CLINT_REG(CLINT_MTIMECMP + 4), (uint32_t)(t >> 32));
}

static inline uint64_t clint_mtimecmp(void)
{
    return ((uint64_t)mmio_read32(CLINT_REG(CLINT_MTIMECMP + 4)) << 32) |
           mmio_read32(CLINT_REG(CLINT_MTIMECMP));
}

/* Timer interrupt `ticks` mtime ticks from now. */
static inline void clint_set_timer_in(uint64_t ticks) { clint_set_mtimecmp(clint_mtime() + ticks); }

/* Never fire: clears a pending machine timer interrupt. */
static inline void clint_disable_timer(void) { clint_set_mtimecmp(~(uint64_t)0); }

/* Raises (1) or clears (0) the machine software interrupt. */
static inline void clint_set_msip(int pending)
{
    mmio_write32(CLINT_REG(CLINT_MSIP), pending ? 1u : 0u);
}

static inline uint64_t clint_ticks_to_us(uint64_t ticks)
{
    return ticks / (CLINT_TIMEBASE_HZ / 1000000u);
}

#endif
