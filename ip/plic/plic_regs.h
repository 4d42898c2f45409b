/* PLIC (SiFive-compatible platform-level interrupt controller). One context: hart 0,
 * machine mode. Source 0 does not exist; sources 1..PLIC_NUM_SOURCES-1 are wired by the
 * board (see platform/memory_map.h). Shared by model and firmware. */
#ifndef ACCELVP_PLIC_REGS_H
#define ACCELVP_PLIC_REGS_H

#define PLIC_NUM_SOURCES    32
#define PLIC_MAX_PRIORITY   7
#define PLIC_PRIORITY(src)  (0x000000 + 4 * (src))  /* 32-bit, 0 = never interrupts */
#define PLIC_PENDING(word)  (0x001000 + 4 * (word)) /* read-only bit array */
#define PLIC_ENABLE(ctx)    (0x002000 + 0x80 * (ctx)) /* bit array, one 32-bit word here */
#define PLIC_THRESHOLD(ctx) (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)     (0x200004 + 0x1000 * (ctx)) /* read: claim; write: complete */

#endif
