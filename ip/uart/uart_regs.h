/* 16550-compatible UART register map (byte registers, register shift 0). Shared by the
 * model (ip/uart/uart.h) and the firmware. */
#ifndef ACCELVP_UART_REGS_H
#define ACCELVP_UART_REGS_H

#define UART_RBR 0x0 /* read, DLAB=0: receive buffer */
#define UART_THR 0x0 /* write, DLAB=0: transmit holding */
#define UART_DLL 0x0 /* DLAB=1: divisor latch low */
#define UART_IER 0x1 /* DLAB=0: interrupt enable */
#define UART_DLM 0x1 /* DLAB=1: divisor latch high */
#define UART_IIR 0x2 /* read: interrupt identification */
#define UART_FCR 0x2 /* write: FIFO control */
#define UART_LCR 0x3 /* line control (bit 7: DLAB) */
#define UART_MCR 0x4 /* modem control */
#define UART_LSR 0x5 /* line status */
#define UART_MSR 0x6 /* modem status */
#define UART_SCR 0x7 /* scratch */

#define UART_IER_RDI  0x01 /* received data available */
#define UART_IER_THRI 0x02 /* transmit holding register empty */
#define UART_IER_RLSI 0x04 /* receiver line status */
#define UART_IER_MSI  0x08 /* modem status */

#define UART_IIR_NO_INT 0x01
#define UART_IIR_RLSI   0x06
#define UART_IIR_RDI    0x04
#define UART_IIR_THRI   0x02
#define UART_IIR_MSI    0x00
#define UART_IIR_FIFO_ENABLED 0xC0

#define UART_FCR_ENABLE   0x01
#define UART_FCR_CLEAR_RX 0x02
#define UART_FCR_CLEAR_TX 0x04

#define UART_LCR_DLAB 0x80

#define UART_LSR_DR   0x01 /* data ready */
#define UART_LSR_OE   0x02 /* overrun */
#define UART_LSR_THRE 0x20 /* transmit holding register empty */
#define UART_LSR_TEMT 0x40 /* transmitter empty */

#define UART_MCR_DTR  0x01
#define UART_MCR_RTS  0x02
#define UART_MCR_OUT1 0x04
#define UART_MCR_OUT2 0x08
#define UART_MCR_LOOP 0x10

#define UART_MSR_DCTS 0x01 /* delta CTS */
#define UART_MSR_DDSR 0x02 /* delta DSR */
#define UART_MSR_TERI 0x04 /* trailing edge of RI */
#define UART_MSR_DDCD 0x08 /* delta DCD */
#define UART_MSR_CTS  0x10 /* in loopback: RTS */
#define UART_MSR_DSR  0x20 /* in loopback: DTR */
#define UART_MSR_RI   0x40 /* in loopback: OUT1 */
#define UART_MSR_DCD  0x80 /* in loopback: OUT2 */

#endif
