// `accelvp dram-char`: characterises a DRAM preset with the DRAM model's built-in traffic
// generators (ip/dram/characterize.h) and prints the figures, as a table or as one JSON object.
#pragma once

#include <cstdint>
#include <string>

namespace accelvp {

struct DramCharOptions {
    std::string preset = "ddr4-3200";  // a preset name (platform/presets/dram/NAME.json) or a file
    bool json = false;
    uint64_t transactions = 200000;    // per bandwidth stream
};

// Resolves a preset name to its file: ACCELVP_PRESET_DIR if set, else the source tree's
// platform/presets/dram. Anything with a '/' or ending in ".json" is a path already.
std::string dram_preset_path(const std::string& preset);
// Empty if the preset's file exists, else a message naming it and listing the presets.
std::string missing_preset_message(const std::string& preset);

// Returns the process exit status (0, or exit_code::kBadConfig with a message on stderr).
int run_dram_char(const DramCharOptions& options);

}  // namespace accelvp
