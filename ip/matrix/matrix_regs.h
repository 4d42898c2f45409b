/* Matrix engine register map: a bf16 GEMM accelerator, C = A x B (+ C or + bias).
 * 32-bit registers; 64-bit addresses as LO/HI pairs. Shared by the model (ip/matrix/) and the
 * firmware (firmware/drivers/matrix/). docs/matrix-engine.md describes the behaviour.
 *
 * Programming: write the command registers (M, N, K, addresses, leading dimensions, flags),
 * then write 1 to DOORBELL: the command is copied into the command queue (depth
 * MATRIX_QUEUE_DEPTH reads it) and the command registers may be rewritten for the next one.
 * The engine runs queued commands in order. Each completed command increments DONE_COUNT and
 * sets INT_STATUS.DONE; a failed one sets ERROR_CODE (the first error since it was cleared),
 * INT_STATUS.ERROR, and is dropped; the engine goes on with the next queued command. */
#ifndef ACCELVP_MATRIX_REGS_H
#define ACCELVP_MATRIX_REGS_H

/* Common block (every accelerator of the platform starts with it). */
#define MATRIX_ID          0x000 /* read: MATRIX_ID_VALUE */
#define MATRIX_VERSION     0x004 /* read: major << 16 | minor */
#define MATRIX_CONTROL     0x008 /* write: MATRIX_CONTROL_* bits */
#define MATRIX_STATUS      0x00C /* read: MATRIX_STATUS_* bits */
#define MATRIX_INT_ENABLE  0x010 /* MATRIX_INT_* bits */
#define MATRIX_INT_STATUS  0x014 /* MATRIX_INT_* bits; write 1 to clear */
#define MATRIX_ERROR_CODE  0x018 /* MATRIX_ERR_*; write anything to clear */
#define MATRIX_ERROR_INFO  0x01C /* read: an address's low word, a register offset or a value */

/* Configuration, read only: what this instance was built with. */
#define MATRIX_ARRAY_ROWS  0x020
#define MATRIX_ARRAY_COLS  0x024
#define MATRIX_QUEUE_DEPTH 0x028
#define MATRIX_QUEUE_USED  0x02C /* commands queued or running */
#define MATRIX_DONE_COUNT  0x030 /* commands completed since reset (wraps) */
#define MATRIX_SPAD_BYTES  0x034 /* operand scratchpad, both buffers together */
#define MATRIX_ACC_BYTES   0x038 /* accumulator SRAM, both buffers together */
#define MATRIX_CLOCK_MHZ   0x03C

/* Command registers. */
#define MATRIX_A_LO        0x040 /* A: M x K, row major, bf16 */
#define MATRIX_A_HI        0x044
#define MATRIX_B_LO        0x048 /* B: K x N row major, or N x K with MATRIX_FLAG_B_TRANSPOSED */
#define MATRIX_B_HI        0x04C
#define MATRIX_C_LO        0x050 /* C: M x N, row major, fp32 or bf16 (MATRIX_FLAG_OUT_BF16) */
#define MATRIX_C_HI        0x054
#define MATRIX_BIAS_LO     0x058 /* bias: N fp32 values added to every row (MATRIX_FLAG_BIAS) */
#define MATRIX_BIAS_HI     0x05C
#define MATRIX_M           0x060
#define MATRIX_N           0x064
#define MATRIX_K           0x068
#define MATRIX_LDA         0x06C /* leading dimensions, in elements */
#define MATRIX_LDB         0x070
#define MATRIX_LDC         0x074
#define MATRIX_FLAGS       0x078 /* MATRIX_FLAG_* */
#define MATRIX_DOORBELL    0x07C /* write 1: queue the command */

/* Performance counters (read; 64-bit as LO/HI, reading LO latches HI). */
#define MATRIX_PERF_BUSY_CYCLES_LO  0x100
#define MATRIX_PERF_BUSY_CYCLES_HI  0x104
#define MATRIX_PERF_MACS_LO         0x108
#define MATRIX_PERF_MACS_HI         0x10C
#define MATRIX_PERF_DMA_STALL_LO    0x110 /* cycles the array waited for the DMA */
#define MATRIX_PERF_DMA_STALL_HI    0x114
#define MATRIX_PERF_BYTES_READ_LO   0x118
#define MATRIX_PERF_BYTES_READ_HI   0x11C
#define MATRIX_PERF_BYTES_WRITTEN_LO 0x120
#define MATRIX_PERF_BYTES_WRITTEN_HI 0x124

#define MATRIX_ID_VALUE 0x4D415458u /* "MATX" */

#define MATRIX_CONTROL_RESET       0x1 /* drop queued commands, clear status and counters */
#define MATRIX_CONTROL_RESET_PERF  0x2 /* clear the performance counters */

#define MATRIX_STATUS_BUSY       0x1 /* a command is running */
#define MATRIX_STATUS_QUEUE_FULL 0x2 /* a doorbell now would be refused */

#define MATRIX_INT_DONE  0x1
#define MATRIX_INT_ERROR 0x2

#define MATRIX_FLAG_ACCUMULATE    0x1 /* C = A x B + C (C read in its output format) */
#define MATRIX_FLAG_OUT_BF16      0x2 /* C is bf16 (rounded to nearest even), else fp32 */
#define MATRIX_FLAG_B_TRANSPOSED  0x4 /* B is stored N x K */
#define MATRIX_FLAG_BIAS          0x8 /* add the bias row */
#define MATRIX_FLAGS_VALID        0xF

/* Error codes; ERROR_INFO then holds: for ZERO_DIM, DIM_TOO_LARGE and BAD_LEADING the offset
 * of the offending register (MATRIX_M, ..., MATRIX_LDC); for MISALIGNED and DMA the address's
 * low word; for BAD_FLAGS the FLAGS value; for QUEUE_FULL the queue depth; for DOES_NOT_FIT
 * the bytes (both buffers) the scratchpad lacking room would need. */
#define MATRIX_ERR_NONE           0
#define MATRIX_ERR_ZERO_DIM       1 /* M, N or K is 0 */
#define MATRIX_ERR_DIM_TOO_LARGE  2 /* a dimension above the engine's limit (65535) */
#define MATRIX_ERR_BAD_LEADING    3 /* a leading dimension below the row length */
#define MATRIX_ERR_MISALIGNED     4 /* an address not aligned to its element size */
#define MATRIX_ERR_DMA            5 /* the DMA got an error response; ERROR_INFO: address */
#define MATRIX_ERR_QUEUE_FULL     6 /* doorbell while the queue was full: command dropped */
#define MATRIX_ERR_BAD_FLAGS      7 /* unknown flag bits */
#define MATRIX_ERR_DOES_NOT_FIT   8 /* the tiles for this shape do not fit the scratchpads */

#endif
