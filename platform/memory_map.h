/* The default board's memory map as the firmware sees it (ARCHITECTURE.md, "Memory map").
 * Plain C: included by the firmware and by the simulator. The simulator's map comes from
 * the board JSON (platform/boards/default.json); a unit test checks that the two agree. */
#ifndef ACCELVP_MEMORY_MAP_H
#define ACCELVP_MEMORY_MAP_H

#define ACCELVP_BOOTROM_BASE   0x00001000u
#define ACCELVP_BOOTROM_SIZE   0x00001000u
#define ACCELVP_FINISHER_BASE  0x00100000u
#define ACCELVP_FINISHER_SIZE  0x00001000u
#define ACCELVP_CLINT_BASE     0x02000000u
#define ACCELVP_CLINT_SIZE     0x00010000u
#define ACCELVP_PLIC_BASE      0x0C000000u
#define ACCELVP_PLIC_SIZE      0x00400000u
#define ACCELVP_UART0_BASE     0x10000000u
#define ACCELVP_UART0_SIZE     0x00000100u
#define ACCELVP_SIMCTRL_BASE   0x10001000u
#define ACCELVP_SIMCTRL_SIZE   0x00001000u
#define ACCELVP_DMA_BASE       0x10002000u /* an addition to ARCHITECTURE.md's map */
#define ACCELVP_DMA_SIZE       0x00001000u
#define ACCELVP_MATRIX_BASE    0x11000000u
#define ACCELVP_SDPA_BASE      0x11010000u
#define ACCELVP_PIM_CTRL_BASE  0x11020000u
#define ACCELVP_ACCEL_WINDOW_SIZE 0x00010000u
#define ACCELVP_SRAM_BASE      0x20000000u
#define ACCELVP_SRAM_SIZE      0x00040000u
#define ACCELVP_DRAM_BASE      0x80000000u
#define ACCELVP_DRAM_SIZE      0x10000000u /* default; the board may configure up to 1 GiB */
#define ACCELVP_PIM_DRAM_BASE  0xC0000000u
#define ACCELVP_PIM_DRAM_SIZE  0x20000000u

/* PLIC interrupt sources. */
#define ACCELVP_IRQ_UART0  1
#define ACCELVP_IRQ_MATRIX 2
#define ACCELVP_IRQ_SDPA   3
#define ACCELVP_IRQ_PIM    4
#define ACCELVP_IRQ_DMA    5

#endif
