/* PLIC: the one context of the board (hart 0, machine mode). A source interrupts when it is
 * pending, enabled, and its priority exceeds the threshold; the handler claims it (reading
 * the claim register returns the source id and clears its pending bit), silences the device,
 * then completes it (writes the id back) so that the source can interrupt again. */
#ifndef BSP_PLIC_H
#define BSP_PLIC_H

#include "mmio.h"
#include "platform/memory_map.h"
#include "ip/plic/plic_regs.h"

#define PLIC_REG(off) (ACCELVP_PLIC_BASE + (off))
#define PLIC_CONTEXT 0

static inline void plic_set_priority(unsigned src, unsigned prio)
{
    mmio_write32(PLIC_REG(PLIC_PRIORITY(src)), prio);
}

static inline void plic_set_threshold(unsigned threshold)
{
    mmio_write32(PLIC_REG(PLIC_THRESHOLD(PLIC_CONTEXT)), threshold);
}

static inline void plic_enable(unsigned src)
{
    uintptr_t reg = PLIC_REG(PLIC_ENABLE(PLIC_CONTEXT)) + 4 * (src / 32);
    mmio_write32(reg, mmio_read32(reg) | (1u << (src % 32)));
}

static inline void plic_disable(unsigned src)
{
    uintptr_t reg = PLIC_REG(PLIC_ENABLE(PLIC_CONTEXT)) + 4 * (src / 32);
    mmio_write32(reg, mmio_read32(reg) & ~(1u << (src % 32)));
}

static inline int plic_is_pending(unsigned src)
{
    return (mmio_read32(PLIC_REG(PLIC_PENDING(src / 32))) >> (src % 32)) & 1u;
}

/* Returns the highest-priority pending enabled source, 0 if none. */
static inline unsigned plic_claim(void) { return mmio_read32(PLIC_REG(PLIC_CLAIM(PLIC_CONTEXT))); }
static inline void plic_complete(unsigned src)
{
    mmio_write32(PLIC_REG(PLIC_CLAIM(PLIC_CONTEXT)), src);
}

#endif
