/* Matrix engine driver: one engine at ACCELVP_MATRIX_BASE, PLIC source ACCELVP_IRQ_MATRIX.
 * Registers and error codes: ip/matrix/matrix_regs.h; behaviour: docs/matrix-engine.md;
 * this driver: docs/matrix-firmware.md.
 *
 * Use: matrix_probe() once; then either matrix_run() (submit and poll until done), or
 * matrix_submit() several commands and matrix_wait() for all of them. matrix_irq_init()
 * switches the waits to interrupt-driven completion: the caller sleeps in wfi and the
 * driver's PLIC handler collects the engine's DONE/ERROR status.
 *
 * Errors: a failed command is dropped by the engine, which latches the first error code and
 * the address or value at fault (ERROR_CODE/ERROR_INFO). The waits return that code (a
 * MATRIX_ERR_* value, 0 for success) or a negative MATRIX_DRV_* code for what the driver
 * itself saw; matrix_last_error() gives the details, matrix_strerror() a name. */
#ifndef DRIVERS_MATRIX_H
#define DRIVERS_MATRIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ip/matrix/matrix_regs.h"

/* The register map major version this driver is written for. */
#define MATRIX_DRIVER_VERSION_MAJOR 1u

/* Driver-side errors, negative so they never collide with the engine's MATRIX_ERR_*. */
#define MATRIX_DRV_ENODEV    (-1) /* nothing answers at the base, or the ID is not "MATX" */
#define MATRIX_DRV_EVERSION  (-2) /* a register map major version this driver does not know */
#define MATRIX_DRV_ETIMEDOUT (-3) /* the engine did not finish within the timeout */

/* One GEMM: C = A x B (+ C if MATRIX_FLAG_ACCUMULATE) (+ bias row if MATRIX_FLAG_BIAS).
 * Addresses are bus addresses (on this 32-bit host, the pointer's value). Leading dimensions
 * are in elements; 0 means dense (the row length: K for A, N for B, or K for a transposed B,
 * N for C). */
struct matrix_gemm {
    uint64_t a, b, c, bias;
    uint32_t m, n, k;
    uint32_t lda, ldb, ldc;
    uint32_t flags; /* MATRIX_FLAG_* */
};

/* What matrix_probe() read from the engine's configuration registers. */
struct matrix_info {
    uint32_t version; /* major << 16 | minor */
    uint32_t array_rows, array_cols;
    uint32_t queue_depth;
    uint32_t spad_bytes, acc_bytes;
    uint32_t clock_mhz;
};

/* The engine's performance counters (cumulative since reset or matrix_perf_reset()). */
struct matrix_perf {
    uint64_t busy_cycles;
    uint64_t macs;
    uint64_t dma_stall_cycles;
    uint64_t bytes_read;
    uint64_t bytes_written;
};

/* The first error since the last wait: code as returned by the wait, the engine's ERROR_INFO
 * (failing address's low word, or the bad value) when the engine reported it. */
struct matrix_error {
    int code;
    uint32_t info;
};

/* Checks ID and version and reads the configuration. An access fault on the window (no
 * engine on this board) is caught and reported as MATRIX_DRV_ENODEV, not trapped. Also
 * resets the engine. Returns 0 or MATRIX_DRV_*. */
int matrix_probe(struct matrix_info *info);

/* Drops queued commands, clears status, error and performance counters. */
void matrix_reset(void);

/* The effective leading dimensions (0 replaced by the dense value). */
uint32_t matrix_gemm_lda(const struct matrix_gemm *g);
uint32_t matrix_gemm_ldb(const struct matrix_gemm *g);
uint32_t matrix_gemm_ldc(const struct matrix_gemm *g);

/* Writes the command registers and rings the doorbell, without looking at the queue: a full
 * queue makes the engine drop the command with MATRIX_ERR_QUEUE_FULL. */
void matrix_post(const struct matrix_gemm *g);

/* Waits (polling, bounded by the timeout) for a free queue slot, then posts. Returns 0 or
 * MATRIX_DRV_ETIMEDOUT. */
int matrix_submit(const struct matrix_gemm *g);

/* Waits until nothing is queued or running, polling QUEUE_USED, or in wfi once
 * matrix_irq_init() was called. Returns the first error of the commands finished since the
 * last wait (MATRIX_ERR_*), 0 if none, or MATRIX_DRV_ETIMEDOUT. */
int matrix_wait(void);

/* matrix_submit() then matrix_wait(). */
int matrix_run(const struct matrix_gemm *g);

/* Completion by interrupt: sets PLIC source ACCELVP_IRQ_MATRIX to priority 1 with threshold
 * 0, enables it, installs the driver's machine external interrupt handler (which claims
 * from the PLIC and completes any other source untouched), sets INT_ENABLE to DONE|ERROR,
 * mie.MEIE and mstatus.MIE. matrix_irq_init(false) undoes it: waits poll again.
 * While an interrupt-driven wait sleeps, the machine timer is its watchdog for the timeout:
 * the driver installs its own timer handler for the wait and leaves mtimecmp disarmed
 * afterwards (handler and mie.MTIE are restored). */
void matrix_irq_init(bool enable);

/* Device part of the interrupt handler, for firmware with its own PLIC dispatcher: reads
 * and clears INT_STATUS (and ERROR_CODE), records the first error. Call it after claiming
 * ACCELVP_IRQ_MATRIX and before completing it. */
void matrix_handle_irq(void);

/* Interrupts the driver has taken since matrix_irq_init(true), and DONE/ERROR among them. */
struct matrix_irq_stats {
    uint32_t irqs, done, errors;
};
struct matrix_irq_stats matrix_irq_stats(void);

/* Timeout for the waits, in microseconds of simulated time (mtime); default 1 s. */
void matrix_set_timeout_us(uint32_t us);

/* Details of the error the last wait returned. */
struct matrix_error matrix_last_error(void);

/* "MATRIX_ERR_DMA", "MATRIX_DRV_ETIMEDOUT", ...; never NULL. */
const char *matrix_strerror(int code);

/* One line about an error: name, meaning and ERROR_INFO as that code defines it, e.g.
 * "MATRIX_ERR_DMA (bus error on a DMA transfer) at 0x30000000" or
 * "MATRIX_ERR_BAD_LEADING (a leading dimension below its row): register LDA". Returns buf. */
char *matrix_describe_error(char *buf, size_t size, struct matrix_error err);

/* Performance counters: read (64-bit LO then HI, the engine latches HI on the LO read) and
 * clear. */
void matrix_perf_read(struct matrix_perf *perf);
void matrix_perf_reset(void);

/* The engine's DONE_COUNT (wraps), QUEUE_USED (commands queued or running) and
 * STATUS.QUEUE_FULL (a doorbell now would be refused). */
uint32_t matrix_done_count(void);
uint32_t matrix_queue_used(void);
bool matrix_queue_full(void);

#endif
