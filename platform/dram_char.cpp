#include "platform/dram_char.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "ip/dram/characterize.h"
#include "ip/dram/dram_spec.h"
#include "platform/exit_codes.h"

namespace accelvp {

namespace {
std::string preset_dir() {
    if (const char* dir = std::getenv("ACCELVP_PRESET_DIR")) return dir;
    return std::string(ACCELVP_SOURCE_DIR) + "/platform/presets/dram";
}

std::string available_presets() {
    std::string names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(preset_dir(), ec)) {
        if (entry.path().extension() != ".json") continue;
        names += (names.empty() ? "" : ", ") + entry.path().stem().string();
    }
    return names.empty() ? "none found in " + preset_dir() : names;
}
}  // namespace

std::string dram_preset_path(const std::string& preset) {
    bool is_path = preset.find('/') != std::string::npos ||
                   (preset.size() > 5 && preset.compare(preset.size() - 5, 5, ".json") == 0);
    return is_path ? preset : preset_dir() + "/" + preset + ".json";
}

std::string missing_preset_message(const std::string& preset) {
    const std::string path = dram_preset_path(preset);
    if (std::filesystem::is_regular_file(path)) return "";
    return "unknown DRAM preset '" + preset + "' (no file " + path +
           "); presets: " + available_presets();
}

int run_dram_char(const DramCharOptions& options) {
    std::string path = dram_preset_path(options.preset);
    if (std::string missing = missing_preset_message(options.preset); !missing.empty()) {
        std::fprintf(stderr, "accelvp: error: %s\n", missing.c_str());
        return exit_code::kBadConfig;
    }
    dram::CharacterizationResult r;
    try {
        dram::CharacterizationOptions char_options;
        char_options.transactions = options.transactions;
        r = dram::characterize(dram::DramSpec::load(path), char_options);
    } catch (const dram::DramConfigError& e) {
        std::fprintf(stderr, "accelvp: error: %s\n", e.what());
        return exit_code::kBadConfig;
    }
    if (options.json) {
        std::printf("%s\n", r.to_json().dump(2).c_str());
        return 0;
    }
    std::printf("%s", fmt::format(
        "DRAM characterisation: {}\n"
        "  read latency, device only (first command to first data beat):\n"
        "    row hit      {:8.2f} ns\n"
        "    closed bank  {:8.2f} ns\n"
        "    row conflict {:8.2f} ns\n"
        "  controller latency {:6.2f} ns, burst transfer {:.2f} ns\n"
        "  sustained bandwidth ({} transactions per stream):\n"
        "    sequential reads         {:7.2f} GB/s ({:.1f} % of peak)\n"
        "    random reads (each ACT)  {:7.2f} GB/s ({:.1f} % of the tFAW bound {:.2f} GB/s)\n"
        "    2:1 read/write mix       {:7.2f} GB/s\n"
        "  peak {:.2f} GB/s\n"
        "  simulator speed: {:.2f} M transactions per host second\n",
        r.preset, r.latency_row_hit_ns, r.latency_closed_ns, r.latency_conflict_ns,
        r.controller_latency_ns, r.transfer_ns, options.transactions, r.seq_read_gbs,
        100.0 * r.seq_read_gbs / r.peak_gbs, r.random_read_gbs,
        100.0 * r.random_read_gbs / r.faw_bound_gbs, r.faw_bound_gbs, r.mixed_gbs, r.peak_gbs,
        r.transactions_per_host_second / 1e6).c_str());
    return 0;
}

}  // namespace accelvp
