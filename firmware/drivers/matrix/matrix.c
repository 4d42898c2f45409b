/* Matrix engine driver (matrix.h). One engine, so the driver's state is file-static. */
#include "matrix.h"

#include <stdio.h>
#include "bsp/clint.h"
#include "bsp/csr.h"
#include "bsp/mmio.h"
#include "bsp/plic.h"
#include "bsp/trap.h"
#include "platform/memory_map.h"

#define REG(off) (ACCELVP_MATRIX_BASE + (off))

static struct {
    bool irq_mode;
    uint32_t timeout_ticks;
    /* Written by the interrupt handler, read by the waits. */
    volatile int first_error;
    volatile uint32_t first_info;
    volatile uint32_t irqs, irq_done, irq_errors;
    struct matrix_error last;
} drv = {.timeout_ticks = CLINT_TIMEBASE_HZ};

static volatile bool probe_faulted;

static void probe_fault_handler(struct trap_frame *frame)
{
    probe_faulted = true;
    trap_skip_instruction(frame);
}

/* Reads a register, catching the access fault of an empty window. */
static uint32_t probe_read(uint32_t off)
{
    trap_handler_t old = trap_set_exception_handler(CAUSE_LOAD_ACCESS, probe_fault_handler);
    uint32_t v = mmio_read32(REG(off));
    trap_set_exception_handler(CAUSE_LOAD_ACCESS, old);
    return v;
}

int matrix_probe(struct matrix_info *info)
{
    probe_faulted = false;
    uint32_t id = probe_read(MATRIX_ID);
    if (probe_faulted || id != MATRIX_ID_VALUE)
        return MATRIX_DRV_ENODEV;
    struct matrix_info i = {
        .version = mmio_read32(REG(MATRIX_VERSION)),
        .array_rows = mmio_read32(REG(MATRIX_ARRAY_ROWS)),
        .array_cols = mmio_read32(REG(MATRIX_ARRAY_COLS)),
        .queue_depth = mmio_read32(REG(MATRIX_QUEUE_DEPTH)),
        .spad_bytes = mmio_read32(REG(MATRIX_SPAD_BYTES)),
        .acc_bytes = mmio_read32(REG(MATRIX_ACC_BYTES)),
        .clock_mhz = mmio_read32(REG(MATRIX_CLOCK_MHZ)),
    };
    if (info)
        *info = i;
    if ((i.version >> 16) != MATRIX_DRIVER_VERSION_MAJOR)
        return MATRIX_DRV_EVERSION;
    matrix_reset();
    return 0;
}

void matrix_reset(void)
{
    mmio_write32(REG(MATRIX_CONTROL), MATRIX_CONTROL_RESET | MATRIX_CONTROL_RESET_PERF);
    mmio_write32(REG(MATRIX_INT_STATUS), MATRIX_INT_DONE | MATRIX_INT_ERROR);
    mmio_write32(REG(MATRIX_ERROR_CODE), 0);
    drv.first_error = 0;
    drv.first_info = 0;
}

uint32_t matrix_gemm_lda(const struct matrix_gemm *g) { return g->lda ? g->lda : g->k; }
uint32_t matrix_gemm_ldc(const struct matrix_gemm *g) { return g->ldc ? g->ldc : g->n; }
uint32_t matrix_gemm_ldb(const struct matrix_gemm *g)
{
    if (g->ldb)
        return g->ldb;
    return (g->flags & MATRIX_FLAG_B_TRANSPOSED) ? g->k : g->n;
}

void matrix_post(const struct matrix_gemm *g)
{
    mmio_write32(REG(MATRIX_A_LO), (uint32_t)g->a);
    mmio_write32(REG(MATRIX_A_HI), (uint32_t)(g->a >> 32));
    mmio_write32(REG(MATRIX_B_LO), (uint32_t)g->b);
    mmio_write32(REG(MATRIX_B_HI), (uint32_t)(g->b >> 32));
    mmio_write32(REG(MATRIX_C_LO), (uint32_t)g->c);
    mmio_write32(REG(MATRIX_C_HI), (uint32_t)(g->c >> 32));
    mmio_write32(REG(MATRIX_BIAS_LO), (uint32_t)g->bias);
    mmio_write32(REG(MATRIX_BIAS_HI), (uint32_t)(g->bias >> 32));
    mmio_write32(REG(MATRIX_M), g->m);
    mmio_write32(REG(MATRIX_N), g->n);
    mmio_write32(REG(MATRIX_K), g->k);
    mmio_write32(REG(MATRIX_LDA), matrix_gemm_lda(g));
    mmio_write32(REG(MATRIX_LDB), matrix_gemm_ldb(g));
    mmio_write32(REG(MATRIX_LDC), matrix_gemm_ldc(g));
    mmio_write32(REG(MATRIX_FLAGS), g->flags);
    mmio_write32(REG(MATRIX_DOORBELL), 1);
}

static bool past(uint64_t deadline) { return clint_mtime() >= deadline; }

int matrix_submit(const struct matrix_gemm *g)
{
    uint64_t deadline = clint_mtime() + drv.timeout_ticks;
    while (matrix_queue_full())
        if (past(deadline))
            return MATRIX_DRV_ETIMEDOUT;
    matrix_post(g);
    return 0;
}

/* Takes DONE/ERROR from INT_STATUS, keeping the first error until a wait reports it. The
 * error code is cleared with its status bit so that the next error latches anew. */
static uint32_t collect_status(void)
{
    uint32_t status = mmio_read32(REG(MATRIX_INT_STATUS));
    if (status & MATRIX_INT_ERROR) {
        uint32_t code = mmio_read32(REG(MATRIX_ERROR_CODE));
        uint32_t info = mmio_read32(REG(MATRIX_ERROR_INFO));
        if (drv.first_error == 0) {
            drv.first_error = (int)code;
            drv.first_info = info;
        }
        mmio_write32(REG(MATRIX_ERROR_CODE), 0);
    }
    if (status)
        mmio_write32(REG(MATRIX_INT_STATUS), status);
    return status;
}

void matrix_handle_irq(void)
{
    uint32_t status = collect_status();
    ++drv.irqs;
    if (status & MATRIX_INT_DONE)
        ++drv.irq_done;
    if (status & MATRIX_INT_ERROR)
        ++drv.irq_errors;
}

static void external_irq_handler(struct trap_frame *frame)
{
    (void)frame;
    unsigned src;
    while ((src = plic_claim()) != 0) {
        if (src == ACCELVP_IRQ_MATRIX)
            matrix_handle_irq();
        plic_complete(src);
    }
}

static bool engine_idle(void) { return matrix_queue_used() == 0; }

static int wait_polling(void)
{
    uint64_t deadline = clint_mtime() + drv.timeout_ticks;
    while (!engine_idle())
        if (past(deadline))
            return MATRIX_DRV_ETIMEDOUT;
    return 0;
}

static volatile bool watchdog_fired;

static void watchdog_handler(struct trap_frame *frame)
{
    (void)frame;
    watchdog_fired = true;
    clint_disable_timer();
}

/* Sleeps in wfi with interrupts masked, so that a completion between the idle check and the
 * wfi still wakes it (wfi ends on any pending enabled interrupt, even with MIE clear); the
 * handlers then run while MIE is briefly open. The machine timer, armed at the deadline, is
 * the watchdog; its previous handler and enable bit are put back afterwards. */
static int wait_interrupt(void)
{
    bool was_enabled = interrupts_disable();
    bool timer_was_on = (csr_read(mie) & MIP_MTIP) != 0;
    trap_handler_t old_timer = trap_set_interrupt_handler(IRQ_M_TIMER, watchdog_handler);
    watchdog_fired = false;
    clint_set_mtimecmp(clint_mtime() + drv.timeout_ticks);
    csr_set(mie, MIP_MTIP);
    bool idle;
    while (!(idle = engine_idle()) && !watchdog_fired) {
        __asm__ volatile("wfi");
        interrupts_enable();
        interrupts_disable();
    }
    clint_disable_timer();
    if (!timer_was_on)
        csr_clear(mie, MIP_MTIP);
    trap_set_interrupt_handler(IRQ_M_TIMER, old_timer);
    interrupts_restore(was_enabled);
    return idle ? 0 : MATRIX_DRV_ETIMEDOUT;
}

int matrix_wait(void)
{
    int result = drv.irq_mode ? wait_interrupt() : wait_polling();
    /* An interrupt raised as the engine went idle may not have been taken yet: collect its
     * status here (the PLIC claim that follows then finds INT_STATUS clear). */
    bool was_enabled = interrupts_disable();
    collect_status();
    if (result == 0)
        result = drv.first_error;
    drv.last.code = result;
    drv.last.info = result > 0 ? drv.first_info : 0;
    drv.first_error = 0;
    drv.first_info = 0;
    interrupts_restore(was_enabled);
    return result;
}

int matrix_run(const struct matrix_gemm *g)
{
    int err = matrix_submit(g);
    return err ? err : matrix_wait();
}

void matrix_irq_init(bool enable)
{
    if (enable) {
        plic_set_priority(ACCELVP_IRQ_MATRIX, 1);
        plic_set_threshold(0);
        plic_enable(ACCELVP_IRQ_MATRIX);
        trap_set_interrupt_handler(IRQ_M_EXT, external_irq_handler);
        drv.irqs = drv.irq_done = drv.irq_errors = 0;
        mmio_write32(REG(MATRIX_INT_ENABLE), MATRIX_INT_DONE | MATRIX_INT_ERROR);
        csr_set(mie, MIP_MEIP);
        interrupts_enable();
    } else {
        mmio_write32(REG(MATRIX_INT_ENABLE), 0);
        plic_disable(ACCELVP_IRQ_MATRIX);
        csr_clear(mie, MIP_MEIP);
    }
    drv.irq_mode = enable;
}

struct matrix_irq_stats matrix_irq_stats(void)
{
    return (struct matrix_irq_stats){drv.irqs, drv.irq_done, drv.irq_errors};
}

void matrix_set_timeout_us(uint32_t us)
{
    drv.timeout_ticks = us * (CLINT_TIMEBASE_HZ / 1000000u);
}

struct matrix_error matrix_last_error(void) { return drv.last; }

static const struct {
    int code;
    const char *name, *meaning;
} errors[] = {
    {MATRIX_ERR_NONE, "MATRIX_ERR_NONE", "no error"},
    {MATRIX_ERR_ZERO_DIM, "MATRIX_ERR_ZERO_DIM", "M, N or K is 0"},
    {MATRIX_ERR_DIM_TOO_LARGE, "MATRIX_ERR_DIM_TOO_LARGE", "a dimension above the limit"},
    {MATRIX_ERR_BAD_LEADING, "MATRIX_ERR_BAD_LEADING", "a leading dimension below its row"},
    {MATRIX_ERR_MISALIGNED, "MATRIX_ERR_MISALIGNED", "an address not aligned to its element"},
    {MATRIX_ERR_DMA, "MATRIX_ERR_DMA", "bus error on a DMA transfer"},
    {MATRIX_ERR_QUEUE_FULL, "MATRIX_ERR_QUEUE_FULL", "doorbell while the queue was full"},
    {MATRIX_ERR_BAD_FLAGS, "MATRIX_ERR_BAD_FLAGS", "unknown flag bits"},
    {MATRIX_ERR_DOES_NOT_FIT, "MATRIX_ERR_DOES_NOT_FIT", "tiles do not fit the scratchpads"},
    {MATRIX_DRV_ENODEV, "MATRIX_DRV_ENODEV", "no matrix engine at its address"},
    {MATRIX_DRV_EVERSION, "MATRIX_DRV_EVERSION", "register map version not supported"},
    {MATRIX_DRV_ETIMEDOUT, "MATRIX_DRV_ETIMEDOUT", "the engine did not finish in time"},
};

static int error_index(int code)
{
    for (unsigned i = 0; i < sizeof errors / sizeof errors[0]; ++i)
        if (errors[i].code == code)
            return (int)i;
    return -1;
}

const char *matrix_strerror(int code)
{
    int i = error_index(code);
    return i < 0 ? "MATRIX_ERR_UNKNOWN" : errors[i].name;
}

static const char *register_name(uint32_t offset)
{
    switch (offset) {
    case MATRIX_M: return "M";
    case MATRIX_N: return "N";
    case MATRIX_K: return "K";
    case MATRIX_LDA: return "LDA";
    case MATRIX_LDB: return "LDB";
    case MATRIX_LDC: return "LDC";
    default: return "?";
    }
}

/* ERROR_INFO means something different for each code (docs/matrix-engine.md, "Errors"). */
char *matrix_describe_error(char *buf, size_t size, struct matrix_error err)
{
    int i = error_index(err.code);
    const char *name = matrix_strerror(err.code);
    const char *meaning = i < 0 ? "an error code this driver does not know" : errors[i].meaning;
    unsigned long info = err.info;
    switch (err.code) {
    case MATRIX_ERR_ZERO_DIM:
    case MATRIX_ERR_DIM_TOO_LARGE:
    case MATRIX_ERR_BAD_LEADING:
        snprintf(buf, size, "%s (%s): register %s", name, meaning, register_name(err.info));
        break;
    case MATRIX_ERR_MISALIGNED:
    case MATRIX_ERR_DMA: snprintf(buf, size, "%s (%s) at 0x%08lx", name, meaning, info); break;
    case MATRIX_ERR_BAD_FLAGS:
        snprintf(buf, size, "%s (%s): FLAGS 0x%lx", name, meaning, info);
        break;
    case MATRIX_ERR_QUEUE_FULL:
        snprintf(buf, size, "%s (%s): depth %lu", name, meaning, info);
        break;
    case MATRIX_ERR_DOES_NOT_FIT:
        snprintf(buf, size, "%s (%s): needs %lu bytes", name, meaning, info);
        break;
    default:
        if (err.code > 0)
            snprintf(buf, size, "%s (%s), info 0x%lx", name, meaning, info);
        else
            snprintf(buf, size, "%s (%s)", name, meaning);
    }
    return buf;
}

static uint64_t read64(uint32_t lo_off)
{
    uint32_t lo = mmio_read32(REG(lo_off));
    return ((uint64_t)mmio_read32(REG(lo_off + 4)) << 32) | lo;
}

void matrix_perf_read(struct matrix_perf *perf)
{
    perf->busy_cycles = read64(MATRIX_PERF_BUSY_CYCLES_LO);
    perf->macs = read64(MATRIX_PERF_MACS_LO);
    perf->dma_stall_cycles = read64(MATRIX_PERF_DMA_STALL_LO);
    perf->bytes_read = read64(MATRIX_PERF_BYTES_READ_LO);
    perf->bytes_written = read64(MATRIX_PERF_BYTES_WRITTEN_LO);
}

void matrix_perf_reset(void) { mmio_write32(REG(MATRIX_CONTROL), MATRIX_CONTROL_RESET_PERF); }

uint32_t matrix_done_count(void) { return mmio_read32(REG(MATRIX_DONE_COUNT)); }
uint32_t matrix_queue_used(void) { return mmio_read32(REG(MATRIX_QUEUE_USED)); }

bool matrix_queue_full(void)
{
    return (mmio_read32(REG(MATRIX_STATUS)) & MATRIX_STATUS_QUEUE_FULL) != 0;
}
