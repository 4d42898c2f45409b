/* CLINT (SiFive-compatible core-local interruptor), one hart. Shared by model and firmware. */
#ifndef ACCELVP_CLINT_REGS_H
#define ACCELVP_CLINT_REGS_H

#define CLINT_MSIP      0x0000 /* 32-bit, bit 0: machine software interrupt pending */
#define CLINT_MTIMECMP  0x4000 /* 64-bit: timer interrupt when mtime >= mtimecmp */
#define CLINT_MTIME     0xBFF8 /* 64-bit free-running counter at the timebase frequency */

#endif
