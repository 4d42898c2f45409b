/* Board-level facts the firmware may ask about at run time. */
#ifndef BSP_BSP_H
#define BSP_BSP_H

#include <stdint.h>
#include <stdbool.h>
#include "simctrl.h"
#include "platform/memory_map.h"

/* a0 at reset, as passed by the boot ROM: the hart id. */
extern uint32_t bsp_boot_hartid;

/* True on the accelvp board, false on QEMU virt (which has no simulation control device):
 * lets a test document and skip the few points where QEMU is not our board. */
static inline bool bsp_on_accelvp(void) { return simctrl_present(); }

/* The UART's PLIC source on the machine we run on: ACCELVP_IRQ_UART0 on our board; QEMU
 * virt wires its UART to source 10. Tests that take an external interrupt use this, so that
 * their PLIC path can be developed on QEMU too. */
#define QEMU_VIRT_UART0_IRQ 10u
static inline unsigned bsp_uart0_irq(void)
{
    return bsp_on_accelvp() ? ACCELVP_IRQ_UART0 : QEMU_VIRT_UART0_IRQ;
}

#endif
