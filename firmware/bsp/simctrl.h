/* Simulation control device: lets firmware mark regions of interest (the simulator snapshots
 * and reports statistics per region), report checks to the host, and read simulated time.
 * Only the accelvp board has it; simctrl_present() tells (on QEMU virt the address holds a
 * virtio-mmio transport whose id register reads "virt"). */
#ifndef BSP_SIMCTRL_H
#define BSP_SIMCTRL_H

#include <stdbool.h>
#include "mmio.h"
#include "platform/memory_map.h"
#include "ip/simctrl/simctrl_regs.h"

#define SIMCTRL_REG(off) (ACCELVP_SIMCTRL_BASE + (off))

static inline bool simctrl_present(void)
{
    return mmio_read32(SIMCTRL_REG(SIMCTRL_ID)) == SIMCTRL_ID_VALUE;
}
static inline void roi_begin(uint32_t id) { mmio_write32(SIMCTRL_REG(SIMCTRL_ROI_BEGIN), id); }
static inline void roi_end(uint32_t id) { mmio_write32(SIMCTRL_REG(SIMCTRL_ROI_END), id); }

static inline void sim_check(uint32_t id, bool ok)
{
    mmio_write32(SIMCTRL_REG(ok ? SIMCTRL_CHECK_PASS : SIMCTRL_CHECK_FAIL), id);
}

/* Reading the low word latches the high word, so the pair is consistent. */
static inline uint64_t sim_time_ns(void)
{
    uint32_t lo = mmio_read32(SIMCTRL_REG(SIMCTRL_TIME_NS_LO));
    return ((uint64_t)mmio_read32(SIMCTRL_REG(SIMCTRL_TIME_NS_HI)) << 32) | lo;
}

#endif
