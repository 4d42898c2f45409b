// A DMA engine for the IPs that move data on their own (the DMA device, the accelerators):
// copies between memory, reached through its initiator socket, and a local buffer, as bursts
// of at most max_burst_bytes (never crossing a 4 KiB boundary, as AXI requires) with up to
// `outstanding` bursts in flight at once. Each burst is a blocking TLM transaction issued by
// one of `outstanding` worker threads, so the interconnect and the memory see them overlap
// as they would overlap on the bus.
//
// transfer() blocks the calling SC_THREAD until every burst of the transfer has completed,
// then reports the first error: the interconnect's decode error for an unmapped address, a
// target's slave error, in order of address. Data of failed bursts is left untouched.
// Transfers are strided blocks (rows of row_bytes, `stride` apart in memory, packed in the
// local buffer), which covers the tiles of a matrix as well as a plain copy (one row).
//
// Timing: a transfer takes what its bursts take in the interconnect and memory; the engine
// adds issue_cycles per burst (address generation) at its own clock.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>
#include <systemc>
#include <tlm>

namespace accelvp {

struct DmaConfig {
    uint64_t clock_hz = 1'000'000'000;
    uint32_t max_burst_bytes = 4096;
    uint32_t outstanding = 8;  // bursts in flight, one worker thread each
    uint32_t issue_cycles = 1;

    // Throws std::invalid_argument naming the field.
    void validate() const;
};

struct DmaBlock {
    uint64_t address = 0;  // in memory
    uint64_t stride = 0;   // bytes between the starts of consecutive rows in memory
    uint64_t rows = 1;
    uint64_t row_bytes = 0;  // the local buffer holds rows * row_bytes, packed
};

struct DmaResult {
    bool ok = true;
    uint64_t error_address = 0;  // of the first failed burst
    tlm::tlm_response_status status = tlm::TLM_OK_RESPONSE;
};

struct DmaCounters {
    uint64_t transfers = 0, bursts = 0;
    uint64_t bytes_read = 0, bytes_written = 0;
    uint64_t errors = 0;
};

class DmaEngine : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<DmaEngine> socket;

    // Throws std::invalid_argument for a bad configuration.
    DmaEngine(sc_core::sc_module_name name, const DmaConfig& config);

    // Memory -> local (read) or local -> memory (write). Call from an SC_THREAD.
    DmaResult read(const DmaBlock& block, uint8_t* local);
    DmaResult write(const DmaBlock& block, const uint8_t* local);

    const DmaCounters& counters() const { return counters_; }
    const DmaConfig& config() const { return config_; }

private:
    struct Transfer;
    struct Burst {
        Transfer* transfer;
        bool write;
        uint64_t address;
        uint8_t* local;
        uint32_t bytes;
    };
    DmaResult transfer(const DmaBlock& block, uint8_t* local, bool write);
    void worker(tlm::tlm_generic_payload& tx);

    DmaConfig config_;
    sc_core::sc_time cycle_;
    std::vector<std::unique_ptr<tlm::tlm_generic_payload>> payloads_;  // one per worker
    std::deque<Burst> queue_;
    sc_core::sc_event queued_;
    DmaCounters counters_;
};

}  // namespace accelvp
