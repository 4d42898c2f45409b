// The DMA device: a memory-to-memory copy engine that firmware programs through dma_regs.h
// (memcpy offload, and the initiator with which firmware measures memory bandwidth).
//
// What it models: a copy is read and written in chunks of chunk_bytes through a DmaEngine
// (bursts of up to max_burst_bytes, `outstanding` in flight); a reader and a writer process
// share two chunk buffers, so the reads of chunk i+1 overlap the writes of chunk i, as a
// double-buffered DMA does. Errors (ERROR_CODE) stop the copy after the chunks in flight.
// What it does not: scatter-gather descriptors, several channels, cache coherence (the CPU
// reaches memory by DMI; firmware need not flush anything).
#pragma once

#include <cstdint>
#include <vector>

#include "ip/common/irq.h"
#include "ip/common/mmio_device.h"
#include "ip/dma/dma_engine.h"

namespace accelvp {

struct DmaDeviceConfig {
    DmaConfig engine;
    uint32_t chunk_bytes = 16384;
};

class DmaDevice : public MmioDevice {
public:
    IrqLine irq;
    DmaEngine engine;  // its socket goes to the interconnect

    // Throws std::invalid_argument for a bad configuration.
    DmaDevice(sc_core::sc_module_name name, const DmaDeviceConfig& config);

    uint64_t copies() const { return copies_; }
    uint64_t bytes_copied() const { return bytes_copied_; }
    uint64_t busy_cycles() const { return busy_cycles_; }
    uint64_t errors() const { return errors_; }

private:
    SC_HAS_PROCESS(DmaDevice);
    void start();
    void reader();
    void writer();
    void finish(uint32_t error, uint64_t info);
    void update_irq() { irq.set((int_status_ & int_enable_) != 0); }
    uint64_t cycles_since(const sc_core::sc_time& t) const;

    DmaDeviceConfig config_;
    sc_core::sc_time cycle_;
    // Registers.
    uint64_t src_ = 0, dst_ = 0;
    uint32_t len_ = 0;
    uint32_t int_enable_ = 0, int_status_ = 0, error_code_ = 0, error_info_ = 0;
    uint32_t latched_hi_ = 0;
    uint64_t last_cycles_ = 0;
    // The running copy.
    bool busy_ = false;
    uint64_t job_src_ = 0, job_dst_ = 0, job_len_ = 0;
    sc_core::sc_time job_start_;
    uint32_t job_error_ = 0;
    uint64_t job_error_info_ = 0;
    std::vector<uint8_t> buffers_[2];
    uint64_t filled_[2] = {};  // bytes in each buffer waiting to be written, 0 if free
    uint64_t chunks_read_ = 0;
    bool reads_done_ = false;
    sc_core::sc_event start_event_, buffer_filled_, buffer_freed_;
    // Statistics.
    uint64_t copies_ = 0, bytes_copied_ = 0, busy_cycles_ = 0, errors_ = 0;
};

}  // namespace accelvp
