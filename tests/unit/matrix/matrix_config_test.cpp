// The matrix engine on the board: its soc.matrix configuration keys, the errors that name
// them, and the default board's wiring (register window, DMA port, statistics).
#include "platform/matrix_config.h"

#include <gtest/gtest.h>

#include <string>

#include "ip/matrix/matrix_regs.h"
#include "platform/board.h"

using accelvp::Board;
using accelvp::Config;
using accelvp::ConfigError;
using accelvp::matrix_engine_config;
using accelvp::MatrixEngineConfig;
using accelvp::matrix::MacConfig;

namespace {

// The ConfigError message for the default board with these assignments, or "accepted".
std::string error_for(std::initializer_list<const char*> assignments) {
    Config c = Config::defaults();
    for (const char* a : assignments) c.set(a);
    try {
        matrix_engine_config(c);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST(MatrixConfig, DefaultBoard) {
    const MatrixEngineConfig m = matrix_engine_config(Config::defaults());
    EXPECT_EQ(m.clock_hz, 1'000'000'000u);
    EXPECT_EQ(m.array.rows, 16u);
    EXPECT_EQ(m.array.cols, 16u);
    EXPECT_EQ(m.queue_depth, 4u);
    EXPECT_EQ(m.array.spad_bytes, 256u * 1024);
    EXPECT_EQ(m.array.acc_bytes, 128u * 1024);
    EXPECT_EQ(m.mac.mode, MacConfig::Mode::Exact);
    EXPECT_EQ(m.mac.norm_group_bits, 1);
    EXPECT_EQ(m.mac.rounding, MacConfig::Rounding::NearestEven);
    EXPECT_EQ(m.dma.max_burst_bytes, 4096u);
    EXPECT_EQ(m.dma.outstanding, 8u);
}

TEST(MatrixConfig, ApproxModeFromTheCommandLine) {
    Config c = Config::defaults();
    c.set("soc.matrix.mac_mode=approx");
    c.set("soc.matrix.norm_group_bits=4");
    c.set("soc.matrix.approx_rounding=toward-zero");
    c.set("soc.matrix.rows=32");
    c.set("soc.matrix.spad_bytes=512Ki");
    const MatrixEngineConfig m = matrix_engine_config(c);
    EXPECT_EQ(m.mac.mode, MacConfig::Mode::Approx);
    EXPECT_EQ(m.mac.norm_group_bits, 4);
    EXPECT_EQ(m.mac.rounding, MacConfig::Rounding::TowardZero);
    EXPECT_EQ(m.array.rows, 32u);
    EXPECT_EQ(m.array.spad_bytes, 512u * 1024);
}

TEST(MatrixConfig, EachBadValueNamesItsKey) {
    const std::pair<const char*, const char*> cases[] = {
        {"soc.matrix.clock_hz=1000", "soc.matrix.clock_hz"},
        {"soc.matrix.rows=0", "soc.matrix.rows"},
        {"soc.matrix.cols=257", "soc.matrix.cols"},
        {"soc.matrix.queue_depth=1", "soc.matrix.queue_depth"},
        {"soc.matrix.spad_bytes=1000", "soc.matrix.spad_bytes"},
        {"soc.matrix.acc_bytes=0", "soc.matrix.acc_bytes"},
        {"soc.matrix.mac_mode=fast", "soc.matrix.mac_mode"},
        {"soc.matrix.norm_group_bits=4", "soc.matrix.norm_group_bits"},  // exact mode
        {"soc.matrix.approx_rounding=up", "soc.matrix.approx_rounding"},
        {"soc.matrix.approx_rounding=toward-zero", "soc.matrix.approx_rounding"},
        {"soc.matrix.dma.max_burst_bytes=8192", "soc.matrix.dma.max_burst_bytes"},
        {"soc.matrix.dma.outstanding=0", "soc.matrix.dma.outstanding"},
    };
    for (const auto& [assignment, key] : cases)
        EXPECT_NE(error_for({assignment}).find(key), std::string::npos) << assignment;
    EXPECT_NE(error_for({"soc.matrix.mac_mode=approx", "soc.matrix.norm_group_bits=25"})
                  .find("soc.matrix.norm_group_bits"),
              std::string::npos);
    EXPECT_EQ(error_for({"soc.matrix.mac_mode=approx", "soc.matrix.norm_group_bits=24"}),
              "accepted");
}

TEST(MatrixConfig, TheDefaultBoardWiresTheEngine) {
    const Config c = Config::defaults();
    Board board("board", c);
    const auto* window = board.bus.address_map().find(0x1100'0000);
    ASSERT_NE(window, nullptr);
    EXPECT_EQ(window->name, "soc.matrix");
    EXPECT_GE(window->port, 0) << "a device, no longer a reserved window";
    bool has_port = false;
    for (const auto& port : board.bus.initiator_ports()) has_port |= port.name == "matrix";
    EXPECT_TRUE(has_port) << "the engine's DMA is an initiator of the bus";

    const nlohmann::json stats = board.stats().snapshot();
    ASSERT_TRUE(stats["soc"].contains("matrix"));
    for (const char* key :
         {"macs", "busy_cycles", "dma_stall_cycles", "bytes_read", "bytes_written",
          "sram_bytes_read", "sram_bytes_written", "commands", "errors"})
        EXPECT_EQ(stats["soc"]["matrix"][key], 0u) << key;
    const nlohmann::json derived = board.stats().derive(stats, 1000);
    EXPECT_EQ(derived["soc"]["matrix"]["utilisation"], 0.0);
}
