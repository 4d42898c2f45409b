// DRAM device specification: organisation, timing (in clock cycles of tCK) and the currents
// that the energy model needs, loaded from a preset file (platform/presets/dram/*.json).
// The presets are the one source of truth for DRAM timings (docs/dram.md documents every
// field and its source). A new standard or speed grade is a new preset file, not new code.
//
// Conventions:
//   - a column is one beat of the data bus (as in JEDEC DDR4: 1024 columns per row on an x8
//     device); a burst of burst_length beats covers burst_length columns;
//   - the data bus is double data rate: a burst occupies burst_length / 2 clock cycles;
//   - currents are per device in mA, a rank being devices_per_rank devices side by side.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace accelvp::dram {

// Every error about a DRAM preset, an address mapping or a controller configuration. The
// message names the file (or mapping) and the field.
class DramConfigError : public std::invalid_argument {
public:
    using invalid_argument::invalid_argument;
};

struct Organisation {
    uint32_t channels = 0;
    uint32_t ranks = 0;
    uint32_t bank_groups = 0;
    uint32_t banks_per_group = 0;
    uint32_t rows = 0;
    uint32_t columns = 0;            // beats of the data bus per row
    uint32_t device_width_bits = 0;  // DQ pins per device
    uint32_t devices_per_rank = 0;
    uint32_t data_bus_bytes = 0;  // width of one channel's data bus
    uint32_t burst_length = 0;    // beats per burst

    uint32_t banks_per_rank() const { return bank_groups * banks_per_group; }
    uint32_t burst_bytes() const { return data_bus_bytes * burst_length; }
    uint64_t channel_bytes() const {
        return uint64_t{ranks} * banks_per_rank() * rows * columns * data_bus_bytes;
    }
};

// Timing parameters in clock cycles (tCK_ps is the clock period).
struct Timing {
    uint64_t tCK_ps = 0;
    uint32_t CL = 0, CWL = 0, tRCD = 0, tRP = 0, tRAS = 0, tRC = 0, tWR = 0, tRTP = 0;
    uint32_t tCCD_S = 0, tCCD_L = 0, tRRD_S = 0, tRRD_L = 0, tFAW = 0;
    uint32_t tWTR_S = 0, tWTR_L = 0, tRFC = 0, tREFI = 0;
};

// Currents per device (mA) and the supply voltage (V), as in a datasheet's IDD table.
struct Power {
    double VDD = 0, IDD0 = 0, IDD2N = 0, IDD3N = 0, IDD4R = 0, IDD4W = 0, IDD5B = 0;
};

struct DramSpec {
    std::string name;    // e.g. "DDR4-3200AA x8 8Gb"
    std::string source;  // where the values come from
    Organisation org;
    Timing timing;
    Power power;

    // Clock cycles one burst occupies on the (double data rate) data bus.
    uint32_t burst_cycles() const { return org.burst_length / 2; }
    // Peak data-bus bandwidth of one channel, bytes per second.
    double peak_bytes_per_second() const {
        return 2.0 * org.data_bus_bytes * 1e12 / static_cast<double>(timing.tCK_ps);
    }

    // Parses and validates a preset; `where` names it in error messages (a file name).
    static DramSpec from_json(const nlohmann::json& preset, const std::string& where);
    // Reads, parses and validates a preset file.
    static DramSpec load(const std::string& path);
    // Checks the organisation and the consistency of the timings (see docs/dram.md);
    // throws DramConfigError naming `where` and the field.
    void validate(const std::string& where) const;
};

}  // namespace accelvp::dram
