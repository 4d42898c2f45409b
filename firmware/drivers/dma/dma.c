#include "dma.h"

#include "bsp/mmio.h"
#include "ip/dma/dma_regs.h"
#include "platform/memory_map.h"

#define REG(off) (ACCELVP_DMA_BASE + (off))

static uint32_t last_error_info;

bool dma_present(void) { return mmio_read32(REG(DMA_ID)) == DMA_ID_VALUE; }

bool dma_start(uint64_t dst, uint64_t src, uint32_t len)
{
    if (mmio_read32(REG(DMA_STATUS)) & DMA_STATUS_BUSY)
        return false;
    mmio_write32(REG(DMA_SRC_LO), (uint32_t)src);
    mmio_write32(REG(DMA_SRC_HI), (uint32_t)(src >> 32));
    mmio_write32(REG(DMA_DST_LO), (uint32_t)dst);
    mmio_write32(REG(DMA_DST_HI), (uint32_t)(dst >> 32));
    mmio_write32(REG(DMA_LEN), len);
    mmio_write32(REG(DMA_CONTROL), DMA_CONTROL_START);
    return true;
}

uint32_t dma_wait(void)
{
    while (!(mmio_read32(REG(DMA_INT_STATUS)) & (DMA_INT_DONE | DMA_INT_ERROR)))
        ;
    uint32_t code = mmio_read32(REG(DMA_ERROR_CODE));
    last_error_info = mmio_read32(REG(DMA_ERROR_INFO));
    mmio_write32(REG(DMA_ERROR_CODE), 0);
    mmio_write32(REG(DMA_INT_STATUS), DMA_INT_DONE | DMA_INT_ERROR);
    return code;
}

uint32_t dma_copy(uint64_t dst, uint64_t src, uint32_t len)
{
    if (!dma_start(dst, src, len))
        return DMA_ERR_BUSY;
    return dma_wait();
}

uint64_t dma_last_cycles(void)
{
    uint32_t lo = mmio_read32(REG(DMA_PERF_CYCLES_LO));
    return ((uint64_t)mmio_read32(REG(DMA_PERF_CYCLES_HI)) << 32) | lo;
}

uint32_t dma_error_info(void) { return last_error_info; }

const char *dma_error_name(uint32_t code)
{
    switch (code) {
    case DMA_ERR_NONE: return "none";
    case DMA_ERR_BUSY: return "busy";
    case DMA_ERR_ZERO_LEN: return "zero length";
    case DMA_ERR_OVERLAP: return "source and destination overlap";
    case DMA_ERR_READ: return "read error";
    case DMA_ERR_WRITE: return "write error";
    default: return "unknown";
    }
}
