#include "ip/dma/dma_device.h"

#include <algorithm>
#include <stdexcept>

#include "ip/dma/dma_regs.h"

namespace accelvp {

DmaDevice::DmaDevice(sc_core::sc_module_name name, const DmaDeviceConfig& config)
    : MmioDevice(name, sc_core::SC_ZERO_TIME),
      engine("engine", config.engine),
      config_(config),
      cycle_(1e12 / double(config.engine.clock_hz), sc_core::SC_PS) {
    if (config.chunk_bytes < 64 || config.chunk_bytes > (1u << 24))
        throw std::invalid_argument("DMA: chunk_bytes must lie in [64, 16 MiB]");
    for (auto& b : buffers_) b.resize(config.chunk_bytes);

    auto lo = [](uint64_t& field) {
        return [&field](uint64_t v) { field = (field & ~uint64_t{0xffffffff}) | uint32_t(v); };
    };
    auto hi = [](uint64_t& field) {
        return
            [&field](uint64_t v) { field = (field & 0xffffffff) | (uint64_t(uint32_t(v)) << 32); };
    };
    auto latched = [this](const uint64_t& value) {
        return [this, &value]() -> uint64_t {
            latched_hi_ = uint32_t(value >> 32);
            return uint32_t(value);
        };
    };
    RegisterBank& r = registers();
    r.add({"id", DMA_ID, 4, [] { return uint64_t{DMA_ID_VALUE}; }, nullptr});
    r.add({"version", DMA_VERSION, 4, [] { return uint64_t{0x00010000}; }, nullptr});
    r.add({"control", DMA_CONTROL, 4, nullptr, [this](uint64_t v) {
               if (v & DMA_CONTROL_START) start();
           }});
    r.add({"status", DMA_STATUS, 4, [this] { return uint64_t{busy_ ? DMA_STATUS_BUSY : 0u}; },
           nullptr});
    r.add({"int_enable", DMA_INT_ENABLE, 4, [this] { return uint64_t{int_enable_}; },
           [this](uint64_t v) {
               int_enable_ = uint32_t(v) & (DMA_INT_DONE | DMA_INT_ERROR);
               update_irq();
           }});
    r.add({"int_status", DMA_INT_STATUS, 4, [this] { return uint64_t{int_status_}; },
           [this](uint64_t v) {
               int_status_ &= ~uint32_t(v);
               update_irq();
           }});
    r.add({"error_code", DMA_ERROR_CODE, 4, [this] { return uint64_t{error_code_}; },
           [this](uint64_t) { error_code_ = error_info_ = 0; }});
    r.add({"error_info", DMA_ERROR_INFO, 4, [this] { return uint64_t{error_info_}; }, nullptr});
    r.add({"clock_mhz", DMA_CLOCK_MHZ, 4, [this] { return config_.engine.clock_hz / 1'000'000; },
           nullptr});
    r.add({"src_lo", DMA_SRC_LO, 4, [this] { return src_ & 0xffffffff; }, lo(src_)});
    r.add({"src_hi", DMA_SRC_HI, 4, [this] { return src_ >> 32; }, hi(src_)});
    r.add({"dst_lo", DMA_DST_LO, 4, [this] { return dst_ & 0xffffffff; }, lo(dst_)});
    r.add({"dst_hi", DMA_DST_HI, 4, [this] { return dst_ >> 32; }, hi(dst_)});
    r.add({"len", DMA_LEN, 4, [this] { return uint64_t{len_}; },
           [this](uint64_t v) { len_ = uint32_t(v); }});
    r.add({"perf_cycles_lo", DMA_PERF_CYCLES_LO, 4, latched(last_cycles_), nullptr});
    r.add({"perf_cycles_hi", DMA_PERF_CYCLES_HI, 4, [this] { return uint64_t{latched_hi_}; },
           nullptr});
    r.add({"perf_bytes_lo", DMA_PERF_BYTES_LO, 4, latched(bytes_copied_), nullptr});
    r.add(
        {"perf_bytes_hi", DMA_PERF_BYTES_HI, 4, [this] { return uint64_t{latched_hi_}; }, nullptr});

    SC_THREAD(reader);
    SC_THREAD(writer);
}

uint64_t DmaDevice::cycles_since(const sc_core::sc_time& t) const {
    return uint64_t((sc_core::sc_time_stamp() - t) / cycle_ + 0.5);
}

void DmaDevice::start() {
    uint32_t error = DMA_ERR_NONE;
    if (busy_)
        error = DMA_ERR_BUSY;
    else if (len_ == 0)
        error = DMA_ERR_ZERO_LEN;
    else if (src_ < dst_ + len_ && dst_ < src_ + len_)
        error = DMA_ERR_OVERLAP;
    if (error != DMA_ERR_NONE) {
        if (error_code_ == DMA_ERR_NONE) {
            error_code_ = error;
            error_info_ = 0;
        }
        ++errors_;
        int_status_ |= DMA_INT_ERROR;
        update_irq();
        return;
    }
    busy_ = true;
    job_src_ = src_;
    job_dst_ = dst_;
    job_len_ = len_;
    job_error_ = DMA_ERR_NONE;
    job_error_info_ = 0;
    filled_[0] = filled_[1] = 0;
    reads_done_ = false;
    job_start_ = access_time();
    start_event_.notify(access_time() - sc_core::sc_time_stamp());
}

void DmaDevice::reader() {
    for (;;) {
        sc_core::wait(start_event_);
        const uint64_t chunk = config_.chunk_bytes;
        for (uint64_t offset = 0, i = 0; offset < job_len_ && !job_error_; offset += chunk, ++i) {
            const int slot = int(i % 2);
            while (filled_[slot] && !job_error_) sc_core::wait(buffer_freed_);
            if (job_error_) break;
            const uint64_t bytes = std::min(chunk, job_len_ - offset);
            DmaResult r = engine.read({job_src_ + offset, 0, 1, bytes}, buffers_[slot].data());
            if (!r.ok) {
                job_error_ = DMA_ERR_READ;
                job_error_info_ = r.error_address;
                break;
            }
            filled_[slot] = bytes;
            buffer_filled_.notify();
        }
        reads_done_ = true;
        buffer_filled_.notify();
    }
}

void DmaDevice::writer() {
    for (;;) {
        sc_core::wait(start_event_);
        const uint64_t chunk = config_.chunk_bytes;
        for (uint64_t i = 0;; ++i) {
            const int slot = int(i % 2);
            while (!filled_[slot] && !reads_done_) sc_core::wait(buffer_filled_);
            if (!filled_[slot] || job_error_) break;
            DmaResult r =
                engine.write({job_dst_ + i * chunk, 0, 1, filled_[slot]}, buffers_[slot].data());
            if (!r.ok) {
                job_error_ = DMA_ERR_WRITE;
                job_error_info_ = r.error_address;
            } else {
                bytes_copied_ += filled_[slot];
            }
            filled_[slot] = 0;
            buffer_freed_.notify();
            if (job_error_) break;
        }
        while (!reads_done_) {  // let the reader see the error and stop
            buffer_freed_.notify();
            sc_core::wait(buffer_filled_);
        }
        finish(job_error_, job_error_info_);
    }
}

void DmaDevice::finish(uint32_t error, uint64_t info) {
    last_cycles_ = cycles_since(job_start_);
    busy_cycles_ += last_cycles_;
    busy_ = false;
    if (error != DMA_ERR_NONE) {
        if (error_code_ == DMA_ERR_NONE) {
            error_code_ = error;
            error_info_ = uint32_t(info);
        }
        ++errors_;
        int_status_ |= DMA_INT_ERROR;
    } else {
        ++copies_;
        int_status_ |= DMA_INT_DONE;
    }
    update_irq();
}

}  // namespace accelvp
