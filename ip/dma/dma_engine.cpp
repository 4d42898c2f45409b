// The workers are spawned processes (one per outstanding burst).
#define SC_INCLUDE_DYNAMIC_PROCESSES

#include "ip/dma/dma_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace accelvp {

namespace {
constexpr uint64_t kAxiBoundary = 4096;
}

// What the caller of transfer() waits on: the bursts still in flight and the first error.
struct DmaEngine::Transfer {
    uint64_t remaining = 0;
    DmaResult result;
    sc_core::sc_event done;
};

void DmaConfig::validate() const {
    auto check = [](bool ok, const char* field, const char* rule) {
        if (!ok) throw std::invalid_argument(fmt::format("DMA: {} {}", field, rule));
    };
    check(clock_hz >= 1000 && clock_hz <= 100'000'000'000ull, "clock_hz",
          "must lie in [1 kHz, 100 GHz]");
    check(max_burst_bytes >= 1 && max_burst_bytes <= kAxiBoundary, "max_burst_bytes",
          "must lie in [1, 4096] (an AXI burst never crosses 4 KiB)");
    check(outstanding >= 1 && outstanding <= 256, "outstanding", "must lie in [1, 256]");
    check(issue_cycles <= 1000, "issue_cycles", "must be at most 1000");
}

DmaEngine::DmaEngine(sc_core::sc_module_name name, const DmaConfig& config)
    : sc_module(name), socket("socket"), config_(config) {
    config_.validate();
    cycle_ = sc_core::sc_time(1e12 / double(config_.clock_hz), sc_core::SC_PS);
    for (uint32_t i = 0; i < config_.outstanding; ++i) {
        // The payloads belong to the engine: a worker's stack is never unwound (its thread
        // never ends), so anything it allocated would leak.
        payloads_.push_back(std::make_unique<tlm::tlm_generic_payload>());
        tlm::tlm_generic_payload* tx = payloads_.back().get();
        sc_core::sc_spawn([this, tx] { worker(*tx); }, fmt::format("worker{}", i).c_str());
    }
}

DmaResult DmaEngine::read(const DmaBlock& block, uint8_t* local) {
    return transfer(block, local, false);
}

DmaResult DmaEngine::write(const DmaBlock& block, const uint8_t* local) {
    // The workers only read from `local` for a write.
    return transfer(block, const_cast<uint8_t*>(local), true);
}

DmaResult DmaEngine::transfer(const DmaBlock& block, uint8_t* local, bool write) {
    Transfer t;
    ++counters_.transfers;
    for (uint64_t row = 0; row < block.rows; ++row) {
        const uint64_t start = block.address + row * block.stride;
        uint8_t* row_local = local + row * block.row_bytes;
        for (uint64_t done = 0; done < block.row_bytes;) {
            const uint64_t a = start + done;
            const uint64_t bytes =
                std::min({block.row_bytes - done, uint64_t(config_.max_burst_bytes),
                          kAxiBoundary - a % kAxiBoundary});
            queue_.push_back({&t, write, a, row_local + done, uint32_t(bytes)});
            ++t.remaining;
            done += bytes;
        }
    }
    if (t.remaining == 0) return t.result;
    queued_.notify();
    while (t.remaining > 0) sc_core::wait(t.done);
    if (!t.result.ok) ++counters_.errors;
    return t.result;
}

void DmaEngine::worker(tlm::tlm_generic_payload& tx) {
    for (;;) {
        while (queue_.empty()) sc_core::wait(queued_);
        const Burst burst = queue_.front();
        queue_.pop_front();
        sc_core::wait(cycle_ * double(config_.issue_cycles));  // address generation

        tx.set_command(burst.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        tx.set_address(burst.address);
        tx.set_data_ptr(burst.local);
        tx.set_data_length(burst.bytes);
        tx.set_streaming_width(burst.bytes);
        tx.set_byte_enable_ptr(nullptr);
        tx.set_dmi_allowed(false);
        tx.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        socket->b_transport(tx, delay);
        if (delay > sc_core::SC_ZERO_TIME) sc_core::wait(delay);

        ++counters_.bursts;
        Transfer& t = *burst.transfer;
        if (tx.is_response_ok()) {
            (burst.write ? counters_.bytes_written : counters_.bytes_read) += burst.bytes;
        } else if (t.result.ok || burst.address < t.result.error_address) {
            t.result = {false, burst.address, tx.get_response_status()};
        }
        if (--t.remaining == 0) t.done.notify();
    }
}

}  // namespace accelvp
