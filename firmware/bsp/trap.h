/* Traps: every exception and interrupt enters bsp_trap_entry (trap_entry.S), which saves the
 * interrupted state into a struct trap_frame on a dedicated trap stack and calls the handler
 * installed for the cause. The handler may change the frame (registers, mepc, mstatus): the
 * entry restores from it before mret. An exception handler that returns without changing
 * mepc re-executes the faulting instruction; trap_skip_instruction() steps over it.
 * A cause without a handler prints cause/epc/tval on the UART and exits with
 * BSP_EXIT_UNHANDLED_TRAP + cause (exceptions) or BSP_EXIT_UNHANDLED_IRQ + code (interrupts).
 *
 * mscratch is the BSP's: it holds the top of the trap stack while no trap is being handled
 * (so traps work whatever the interrupted code did to sp, which the ISA tests rely on).
 * Code that tests mscratch must put the value back before the next trap.
 * Handlers run with interrupts disabled and must not trap themselves. */
#ifndef BSP_TRAP_H
#define BSP_TRAP_H

/* Frame layout, shared with trap_entry.S. */
#define TRAP_FRAME_X(n)     (4 * (n))          /* x0..x31 (x0 slot unused) */
#define TRAP_FRAME_F(n)     (128 + 4 * (n))    /* f0..f31, raw bits */
#define TRAP_FRAME_FCSR     256
#define TRAP_FRAME_MEPC     260
#define TRAP_FRAME_MCAUSE   264
#define TRAP_FRAME_MTVAL    268
#define TRAP_FRAME_MSTATUS  272
#define TRAP_FRAME_VECTOR   276
#define TRAP_FRAME_SIZE     288                /* multiple of 16: keeps sp ABI-aligned */

#define BSP_EXIT_UNHANDLED_TRAP 200 /* + exception cause: 200..215 */
#define BSP_EXIT_UNHANDLED_IRQ  232 /* + interrupt code: 232..247 */
#define BSP_EXIT_NESTED_TRAP    250 /* a handler trapped */

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <stdbool.h>

struct trap_frame {
    uint32_t x[32];     /* integer registers at the trap; x[2] is the interrupted sp */
    uint32_t f[32];     /* float registers (bits) */
    uint32_t fcsr;
    uint32_t mepc;
    uint32_t mcause;
    uint32_t mtval;
    uint32_t mstatus;   /* as at the trap: MPP/MPIE say where it came from */
    int32_t vector;     /* vectored-mode slot the trap came through, -1 for the direct entry */
    uint32_t pad[2];
};

_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "trap frame layout");

typedef void (*trap_handler_t)(struct trap_frame *frame);

/* Install a handler for an exception cause (0..15) or an interrupt code (IRQ_M_SOFT,
 * IRQ_M_TIMER, IRQ_M_EXT); NULL uninstalls. Returns the previous handler. */
trap_handler_t trap_set_exception_handler(unsigned cause, trap_handler_t handler);
trap_handler_t trap_set_interrupt_handler(unsigned code, trap_handler_t handler);

/* mtvec: direct mode (one entry) or vectored (interrupt code n enters at base + 4n). */
void trap_use_vectored_mode(bool vectored);

/* Length in bytes (2 or 4) of the instruction at addr; mepc += that steps over it. */
unsigned trap_instruction_length(uint32_t addr);
void trap_skip_instruction(struct trap_frame *frame);

/* Global machine interrupt enable; both return the previous state. */
bool interrupts_enable(void);
bool interrupts_disable(void);
void interrupts_restore(bool enabled);

/* Run fn(arg) in U-mode on the current stack; returns fn's result once fn returns (the
 * return path is an ecall from U-mode at umode_return_ecall that the BSP consumes; other
 * ecalls from U-mode go to the installed handler). */
uint32_t umode_call(uint32_t (*fn)(uint32_t), uint32_t arg);

/* Entry points, for tests that look at mtvec. */
void bsp_trap_entry(void);
void bsp_trap_vector_table(void);
#endif

#endif
