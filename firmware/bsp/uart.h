/* UART0 (16550-compatible) polled output and the interrupt-enable register.
 * No initialisation is needed for output: the BSP never reprograms the line settings, which
 * a simulated UART ignores anyway. */
#ifndef BSP_UART_H
#define BSP_UART_H

#include "mmio.h"
#include "platform/memory_map.h"
#include "ip/uart/uart_regs.h"

static inline void uart_putc(char c)
{
    while (!(mmio_read8(ACCELVP_UART0_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    mmio_write8(ACCELVP_UART0_BASE + UART_THR, (uint8_t)c);
}

static inline void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

/* Returns the next received byte, or -1 if none is waiting. */
static inline int uart_getc_nonblocking(void)
{
    if (!(mmio_read8(ACCELVP_UART0_BASE + UART_LSR) & UART_LSR_DR))
        return -1;
    return mmio_read8(ACCELVP_UART0_BASE + UART_RBR);
}

static inline void uart_set_ier(uint8_t ier) { mmio_write8(ACCELVP_UART0_BASE + UART_IER, ier); }

#endif
