/* Trap dispatch: per-cause handler tables, the U-mode return path of umode_call, and the
 * report for traps nobody handles. */
#include <unistd.h>
#include "trap.h"
#include "csr.h"
#include "uart.h"

#define NUM_CAUSES 16

static trap_handler_t exception_handlers[NUM_CAUSES];
static trap_handler_t interrupt_handlers[NUM_CAUSES];
static volatile int trap_depth;

extern char umode_return_ecall[], umode_resume[];

trap_handler_t trap_set_exception_handler(unsigned cause, trap_handler_t handler)
{
    trap_handler_t old = exception_handlers[cause % NUM_CAUSES];
    exception_handlers[cause % NUM_CAUSES] = handler;
    return old;
}

trap_handler_t trap_set_interrupt_handler(unsigned code, trap_handler_t handler)
{
    trap_handler_t old = interrupt_handlers[code % NUM_CAUSES];
    interrupt_handlers[code % NUM_CAUSES] = handler;
    return old;
}

void trap_use_vectored_mode(bool vectored)
{
    if (vectored)
        csr_write(mtvec, (uint32_t)(uintptr_t)bsp_trap_vector_table | MTVEC_MODE_VECTORED);
    else
        csr_write(mtvec, (uint32_t)(uintptr_t)bsp_trap_entry | MTVEC_MODE_DIRECT);
}

unsigned trap_instruction_length(uint32_t addr)
{
    /* The low two bits of the first halfword are 11 for 32-bit instructions only. */
    return (*(volatile uint16_t *)(uintptr_t)addr & 3u) == 3u ? 4u : 2u;
}

void trap_skip_instruction(struct trap_frame *frame)
{
    frame->mepc += trap_instruction_length(frame->mepc);
}

bool interrupts_enable(void) { return (csr_read_set(mstatus, MSTATUS_MIE) & MSTATUS_MIE) != 0; }
bool interrupts_disable(void) { return (csr_read_clear(mstatus, MSTATUS_MIE) & MSTATUS_MIE) != 0; }
void interrupts_restore(bool enabled)
{
    if (enabled)
        csr_set(mstatus, MSTATUS_MIE);
    else
        csr_clear(mstatus, MSTATUS_MIE);
}

/* Direct UART output: the report must not depend on stdio state at the time of the trap. */
static void put_hex(uint32_t v)
{
    uart_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4)
        uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

__attribute__((noreturn)) static void report_and_exit(const char *what,
                                                     const struct trap_frame *frame, int code)
{
    uart_puts(what);
    uart_puts(": mcause=");
    put_hex(frame->mcause);
    uart_puts(" mepc=");
    put_hex(frame->mepc);
    uart_puts(" mtval=");
    put_hex(frame->mtval);
    uart_puts("\n");
    _exit(code);
}

void bsp_trap_dispatch(struct trap_frame *frame)
{
    if (trap_depth++ != 0)
        report_and_exit("nested trap", frame, BSP_EXIT_NESTED_TRAP);

    uint32_t code = frame->mcause & ~MCAUSE_INTERRUPT;
    bool is_interrupt = (frame->mcause & MCAUSE_INTERRUPT) != 0;
    trap_handler_t handler = code < NUM_CAUSES
        ? (is_interrupt ? interrupt_handlers : exception_handlers)[code] : NULL;

    if (!is_interrupt && code == CAUSE_ECALL_U &&
        frame->mepc == (uint32_t)(uintptr_t)umode_return_ecall) {
        frame->mepc = (uint32_t)(uintptr_t)umode_resume;
        frame->mstatus |= MSTATUS_MPP_M;
    } else if (handler) {
        handler(frame);
    } else {
        int offset = code < NUM_CAUSES ? (int)code : NUM_CAUSES - 1; /* keeps codes < 256 */
        if (is_interrupt)
            report_and_exit("unhandled interrupt", frame, BSP_EXIT_UNHANDLED_IRQ + offset);
        report_and_exit("unhandled trap", frame, BSP_EXIT_UNHANDLED_TRAP + offset);
    }
    trap_depth--;
}
