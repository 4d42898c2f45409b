/* DMA device register map: a memory-to-memory copy engine. 32-bit registers; 64-bit
 * addresses as LO/HI pairs. Shared by the model (ip/dma/dma_device.h) and the firmware.
 *
 * Write SRC, DST and LEN, then CONTROL_START. STATUS.BUSY stays set until the copy ends; then
 * INT_STATUS.DONE (or .ERROR with ERROR_CODE/ERROR_INFO) is set and the interrupt raised if
 * enabled. PERF_CYCLES holds the copy's duration in device clock cycles. */
#ifndef ACCELVP_DMA_REGS_H
#define ACCELVP_DMA_REGS_H

#define DMA_ID 0x000         /* read: DMA_ID_VALUE */
#define DMA_VERSION 0x004    /* read: major << 16 | minor */
#define DMA_CONTROL 0x008    /* write: DMA_CONTROL_* */
#define DMA_STATUS 0x00C     /* read: DMA_STATUS_* */
#define DMA_INT_ENABLE 0x010 /* DMA_INT_* */
#define DMA_INT_STATUS 0x014 /* DMA_INT_*; write 1 to clear */
#define DMA_ERROR_CODE 0x018 /* DMA_ERR_*; write anything to clear */
#define DMA_ERROR_INFO 0x01C /* read: the failing address's low word */
#define DMA_CLOCK_MHZ 0x020  /* read */

#define DMA_SRC_LO 0x040
#define DMA_SRC_HI 0x044
#define DMA_DST_LO 0x048
#define DMA_DST_HI 0x04C
#define DMA_LEN 0x050 /* bytes */

#define DMA_PERF_CYCLES_LO 0x060 /* the last copy's duration; reading LO latches HI */
#define DMA_PERF_CYCLES_HI 0x064
#define DMA_PERF_BYTES_LO 0x068 /* bytes copied since reset; reading LO latches HI */
#define DMA_PERF_BYTES_HI 0x06C

#define DMA_ID_VALUE 0x444D4143u /* "DMAC" */

#define DMA_CONTROL_START 0x1

#define DMA_STATUS_BUSY 0x1

#define DMA_INT_DONE 0x1
#define DMA_INT_ERROR 0x2

#define DMA_ERR_NONE 0
#define DMA_ERR_BUSY 1 /* START while a copy runs: refused, the running copy goes on */
#define DMA_ERR_ZERO_LEN 2
#define DMA_ERR_OVERLAP 3 /* source and destination overlap */
#define DMA_ERR_READ 4    /* error response reading the source; ERROR_INFO: address */
#define DMA_ERR_WRITE 5   /* error response writing the destination; ERROR_INFO: address */

#endif
