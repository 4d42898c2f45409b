/* Driver of the DMA device (ip/dma/dma_regs.h): memory-to-memory copies, polled. */
#ifndef DRIVERS_DMA_H
#define DRIVERS_DMA_H

#include <stdbool.h>
#include <stdint.h>

/* True if the device answers with its id. */
bool dma_present(void);

/* Starts a copy of `len` bytes; false (nothing started) if the device is busy. */
bool dma_start(uint64_t dst, uint64_t src, uint32_t len);

/* Waits for the copy to end; returns 0 or the device's error code (DMA_ERR_*), which it clears
 * along with the interrupt status. */
uint32_t dma_wait(void);

/* dma_start + dma_wait. */
uint32_t dma_copy(uint64_t dst, uint64_t src, uint32_t len);

/* Device cycles the last copy took, and the failing address of the last error. */
uint64_t dma_last_cycles(void);
uint32_t dma_error_info(void);

const char *dma_error_name(uint32_t code);

#endif
