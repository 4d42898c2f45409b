#include "platform/matrix_config.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>
#include <string>

#include "ip/matrix_rtl/rtl_tiles.h"

namespace accelvp {

namespace {

const std::string kPrefix = "soc.matrix.";

uint64_t in_range(const Config& c, const std::string& key, uint64_t min, uint64_t max) {
    const uint64_t v = c.get_u64(kPrefix + key);
    if (v < min || v > max)
        throw ConfigError(
            fmt::format("{}{} = {} is out of range [{}, {}]", kPrefix, key, v, min, max));
    return v;
}

uint64_t sram_bytes(const Config& c, const std::string& key) {
    const uint64_t v = in_range(c, key, 64, uint64_t{1} << 30);
    if (v % 64)
        throw ConfigError(fmt::format("{}{} = {} must be a multiple of 64 bytes", kPrefix, key, v));
    return v;
}

matrix::MacConfig mac_config(const Config& c) {
    using Mode = matrix::MacConfig::Mode;
    using Rounding = matrix::MacConfig::Rounding;
    matrix::MacConfig mac;
    const std::string mode = c.get_string(kPrefix + "mac_mode");
    if (mode == "exact")
        mac.mode = Mode::Exact;
    else if (mode == "approx")
        mac.mode = Mode::Approx;
    else
        throw ConfigError(
            fmt::format("{}mac_mode = \"{}\": must be \"exact\" or \"approx\"", kPrefix, mode));
    mac.norm_group_bits = int(in_range(c, "norm_group_bits", 1, 24));
    const std::string rounding = c.get_string(kPrefix + "approx_rounding");
    if (rounding == "nearest-even")
        mac.rounding = Rounding::NearestEven;
    else if (rounding == "toward-zero")
        mac.rounding = Rounding::TowardZero;
    else
        throw ConfigError(
            fmt::format("{}approx_rounding = \"{}\": must be \"nearest-even\" or \"toward-zero\"",
                        kPrefix, rounding));
    if (mac.mode == Mode::Exact && mac.norm_group_bits != 1)
        throw ConfigError(fmt::format(
            "{}norm_group_bits = {}: must be 1 when {}mac_mode is \"exact\" (approx mode with "
            "norm_group_bits 1 has the numerics of exact mode)",
            kPrefix, mac.norm_group_bits, kPrefix));
    if (mac.mode == Mode::Exact && mac.rounding != Rounding::NearestEven)
        throw ConfigError(
            fmt::format("{}approx_rounding = \"{}\": must be \"nearest-even\" when {}mac_mode is "
                        "\"exact\"",
                        kPrefix, rounding, kPrefix));
    return mac;
}

// soc.matrix.mac_backend: "model" leaves the factory empty (the C++ model); "rtl" picks the
// Verilated tile built for this array and MAC configuration.
matrix::ArrayFactory array_factory(const Config& c, const MatrixEngineConfig& cfg) {
    const std::string backend = c.get_string(kPrefix + "mac_backend");
    const std::string waveform = c.get_string(kPrefix + "rtl_waveform");
    if (backend != "model" && backend != "rtl")
        throw ConfigError(fmt::format("{}mac_backend = \"{}\": must be \"model\" or \"rtl\"",
                                      kPrefix, backend));
    if (backend == "model") {
        if (!waveform.empty())
            throw ConfigError(fmt::format(
                "{}rtl_waveform = \"{}\": a waveform needs {}mac_backend = \"rtl\"", kPrefix,
                waveform, kPrefix));
        return nullptr;
    }
    if (!waveform.empty() && !std::ofstream(waveform))
        throw ConfigError(fmt::format("{}rtl_waveform = \"{}\": cannot be written", kPrefix,
                                      waveform));
    try {
        return matrix::rtl_array_factory(cfg.array, cfg.mac, waveform);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(fmt::format("{}mac_backend = \"rtl\": {}", kPrefix, e.what()));
    }
}

}  // namespace

MatrixEngineConfig matrix_engine_config(const Config& c) {
    MatrixEngineConfig cfg;
    cfg.clock_hz = in_range(c, "clock_hz", 1'000'000, 10'000'000'000ull);
    cfg.array.rows = uint32_t(in_range(c, "rows", 1, 256));
    cfg.array.cols = uint32_t(in_range(c, "cols", 1, 256));
    cfg.queue_depth = uint32_t(in_range(c, "queue_depth", 2, 1024));
    cfg.array.spad_bytes = sram_bytes(c, "spad_bytes");
    cfg.array.acc_bytes = sram_bytes(c, "acc_bytes");
    cfg.mac = mac_config(c);
    cfg.dma.max_burst_bytes = uint32_t(in_range(c, "dma.max_burst_bytes", 1, 4096));
    cfg.dma.outstanding = uint32_t(in_range(c, "dma.outstanding", 1, 256));
    try {
        cfg.validate();  // what the checks above cannot see; normally nothing
    } catch (const std::invalid_argument& e) {
        throw ConfigError(fmt::format("soc.matrix.{}", e.what()));
    }
    cfg.array_factory = array_factory(c, cfg);
    return cfg;
}

}  // namespace accelvp
