/* Interrupt self-test: machine timer (several ticks, re-arming mtimecmp), software interrupt
 * (CLINT msip), external interrupt (UART THR-empty through the PLIC), direct and vectored
 * mtvec, and WFI waking on an interrupt with MIE on and off. One line per check; exit code 0
 * if all passed, else the number of the first failed check.
 *
 * The UART is PLIC source ACCELVP_IRQ_UART0 on our board. QEMU virt wires it to source 10:
 * when the simulation control device is absent the test uses bsp_uart0_irq()'s QEMU value, so
 * the PLIC path is exercised on QEMU too; define INTERRUPTS_NO_QEMU_FALLBACK to always use
 * the board's source. */
#include <stdio.h>
#include "bsp/bsp.h"
#include "bsp/clint.h"
#include "bsp/csr.h"
#include "bsp/plic.h"
#include "bsp/trap.h"
#include "bsp/uart.h"

#define TICK_PERIOD (CLINT_TIMEBASE_HZ / 10000u) /* 100 us */
#define TIMEOUT (CLINT_TIMEBASE_HZ / 10u)        /* 100 ms of mtime: far more than needed */

static volatile unsigned timer_ticks, timer_ticks_wanted, soft_count, ext_count, ext_source;
static volatile int last_vector;
static volatile uint32_t last_mepc;
static unsigned checks, first_failed;

static void check(const char *what, int ok)
{
    ++checks;
    if (!ok && !first_failed)
        first_failed = checks;
    printf("  %-62s %s\n", what, ok ? "ok" : "FAIL");
}

static void on_timer(struct trap_frame *frame)
{
    last_vector = frame->vector;
    last_mepc = frame->mepc;
    if (++timer_ticks < timer_ticks_wanted)
        clint_set_mtimecmp(clint_mtimecmp() + TICK_PERIOD); /* periodic: no drift */
    else
        clint_disable_timer();
}

static void on_software(struct trap_frame *frame)
{
    last_vector = frame->vector;
    ++soft_count;
    clint_set_msip(0);
}

static void on_external(struct trap_frame *frame)
{
    last_vector = frame->vector;
    unsigned src = plic_claim();
    ext_source = src;
    ++ext_count;
    uart_set_ier(0); /* silence the device before completing, or it interrupts again */
    plic_complete(src);
}

/* Spins until *counter reaches want or TIMEOUT ticks of mtime pass. */
static int wait_count(volatile unsigned *counter, unsigned want)
{
    uint64_t deadline = clint_mtime() + TIMEOUT;
    while (*counter < want && clint_mtime() < deadline)
        ;
    return *counter >= want;
}

static void test_timer(const char *mode, int expect_vector, unsigned ticks)
{
    char what[80];
    timer_ticks = 0;
    timer_ticks_wanted = ticks;
    uint64_t start = clint_mtime();
    clint_set_mtimecmp(start + TICK_PERIOD);
    csr_set(mie, MIP_MTIP);
    int done = wait_count(&timer_ticks, ticks);
    uint64_t elapsed = clint_mtime() - start;
    csr_clear(mie, MIP_MTIP);
    snprintf(what, sizeof what, "timer (%s): %u ticks of %u us", mode, ticks,
             (unsigned)clint_ticks_to_us(TICK_PERIOD));
    check(what, done && timer_ticks == ticks && elapsed >= (uint64_t)ticks * TICK_PERIOD);
    snprintf(what, sizeof what, "timer (%s): entered through vector slot %d", mode, expect_vector);
    check(what, last_vector == expect_vector);
    check("timer: mip.MTIP clear once mtimecmp is re-armed far ahead", !(csr_read(mip) & MIP_MTIP));
}

static void test_software(const char *mode, int expect_vector)
{
    char what[80];
    soft_count = 0;
    csr_set(mie, MIP_MSIP);
    clint_set_msip(1);
    int done = wait_count(&soft_count, 1);
    csr_clear(mie, MIP_MSIP);
    snprintf(what, sizeof what, "software (%s): msip taken once, handler cleared it", mode);
    check(what, done && soft_count == 1 && !(csr_read(mip) & MIP_MSIP));
    snprintf(what, sizeof what, "software (%s): entered through vector slot %d", mode,
             expect_vector);
    check(what, last_vector == expect_vector);
}

static void test_external(const char *mode, int expect_vector, unsigned uart_irq)
{
    char what[80];
    ext_count = 0;
    ext_source = 0;
    plic_set_priority(uart_irq, 1);
    plic_set_threshold(0);
    plic_enable(uart_irq);
    csr_set(mie, MIP_MEIP);
    uart_set_ier(UART_IER_THRI); /* THR is (or soon becomes) empty: interrupts at once */
    int done = wait_count(&ext_count, 1);
    csr_clear(mie, MIP_MEIP);
    plic_disable(uart_irq);
    snprintf(what, sizeof what, "external (%s): UART THRE claimed as source %u, completed", mode,
             uart_irq);
    check(what, done && ext_count == 1 && ext_source == uart_irq);
    snprintf(what, sizeof what, "external (%s): entered through vector slot %d", mode,
             expect_vector);
    check(what, last_vector == expect_vector);
    check("external: nothing left to claim", plic_claim() == 0);
}

static void test_wfi(void)
{
    /* MIE on: WFI returns when the timer fires and the handler runs right after it. */
    timer_ticks = 0;
    timer_ticks_wanted = 1;
    uint64_t target = clint_mtime() + 10 * TICK_PERIOD;
    clint_set_mtimecmp(target);
    csr_set(mie, MIP_MTIP);
    unsigned wakeups = 0;
    while (timer_ticks == 0 && wakeups < 1000000) {
        __asm__ volatile("wfi");
        ++wakeups;
    }
    csr_clear(mie, MIP_MTIP);
    check("wfi (MIE=1): woke up, timer handler ran after the deadline",
          timer_ticks == 1 && clint_mtime() >= target);

    /* MIE off: an enabled pending interrupt still ends WFI, but is not taken. */
    bool was_enabled = interrupts_disable();
    timer_ticks = 0;
    target = clint_mtime() + 10 * TICK_PERIOD;
    clint_set_mtimecmp(target);
    csr_set(mie, MIP_MTIP);
    wakeups = 0;
    while (!(csr_read(mip) & MIP_MTIP) && wakeups < 1000000) {
        __asm__ volatile("wfi");
        ++wakeups;
    }
    int pending = (csr_read(mip) & MIP_MTIP) != 0;
    clint_disable_timer();
    csr_clear(mie, MIP_MTIP);
    interrupts_restore(was_enabled);
    check("wfi (MIE=0): woke up with MTIP pending, no trap taken",
          pending && timer_ticks == 0 && clint_mtime() >= target);
}

int main(void)
{
    unsigned uart_irq = ACCELVP_IRQ_UART0;
#ifndef INTERRUPTS_NO_QEMU_FALLBACK
    if (!bsp_on_accelvp()) {
        uart_irq = bsp_uart0_irq();
        printf("interrupts: no simctrl device, assuming QEMU virt (UART on PLIC source %u)\n",
               uart_irq);
    }
#endif
    printf("interrupts: checking timer, software, external, vectored mtvec and wfi\n");
    trap_set_interrupt_handler(IRQ_M_TIMER, on_timer);
    trap_set_interrupt_handler(IRQ_M_SOFT, on_software);
    trap_set_interrupt_handler(IRQ_M_EXT, on_external);
    clint_disable_timer();
    interrupts_enable();

    trap_use_vectored_mode(false);
    test_timer("direct", -1, 5);
    test_software("direct", -1);
    test_external("direct", -1, uart_irq);

    trap_use_vectored_mode(true);
    check("mtvec reads back vectored mode", (csr_read(mtvec) & 3u) == MTVEC_MODE_VECTORED);
    test_timer("vectored", IRQ_M_TIMER, 3);
    test_software("vectored", IRQ_M_SOFT);
    test_external("vectored", IRQ_M_EXT, uart_irq);
    trap_use_vectored_mode(false);

    test_wfi();
    interrupts_disable();

    printf("interrupts: %u checks, %s\n", checks, first_failed ? "FAILED" : "all passed");
    return (int)first_failed;
}
