// Board: the whole SoC built from a Config. Every TEST builds at most one Board (SystemC
// elaborates one design per process, see tests/CMakeLists.txt).
#include "platform/board.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "platform/memory_map.h"
#include "tests/unit/riscv/hart_fixture.h"

using namespace sc_core;
using accelvp::Board;
using accelvp::Config;
using accelvp::ConfigError;
using accelvp::ElfError;
using accelvp::ElfImage;
using accelvp::ElfSegment;
using accelvp::RunLimits;
using accelvp::RunOutcome;
namespace enc = accelvp::rv::test;

namespace {

constexpr uint32_t kT0 = 5, kT1 = 6, kT2 = 7, kA0 = 10;
constexpr uint32_t kJalSelf = 0x0000006f;  // jal x0, 0: spin forever

uint32_t slli(uint32_t rd, uint32_t rs1, uint32_t shamt) {
    return enc::i_type(int32_t(shamt), rs1, 1, rd, 0x13);
}
uint32_t or_(uint32_t rd, uint32_t rs1, uint32_t rs2) {
    return enc::r_type(0, rs2, rs1, 6, rd, 0x33);
}

ElfSegment segment(uint64_t paddr, const std::vector<uint32_t>& words, uint64_t memsz = 0) {
    ElfSegment s;
    s.paddr = paddr;
    s.data.resize(words.size() * 4);
    std::memcpy(s.data.data(), words.data(), s.data.size());
    s.memsz = memsz ? memsz : s.data.size();
    return s;
}

// A program of RV32I words linked at the start of DRAM, entered there.
ElfImage program(const std::vector<uint32_t>& words) {
    ElfImage image;
    image.path = "test.elf";
    image.entry = ACCELVP_DRAM_BASE;
    image.segments.push_back(segment(ACCELVP_DRAM_BASE, words));
    return image;
}

// li t0, finisher ; li t1, value (lui + addi) ; sw t1, 0(t0) ; spin
std::vector<uint32_t> finish_with(uint32_t value) {
    const int32_t low = int32_t(value << 20) >> 20;  // addi sign-extends its 12 bits
    return {enc::lui(kT0, ACCELVP_FINISHER_BASE >> 12),
            enc::lui(kT1, (value - uint32_t(low)) >> 12), enc::addi(kT1, kT1, low),
            enc::sw(kT1, kT0, 0), kJalSelf};
}

std::string config_error(const Config& config) {
    try {
        Board board("board", config);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(no ConfigError)";
}

}  // namespace

TEST(Board, MemoryMapHeaderMatchesTheDefaultBoard) {
    const Config c = Config::defaults();
    struct Expect {
        const char* key;
        uint64_t base, size;
    };
    const Expect windows[] = {
        {"bootrom", ACCELVP_BOOTROM_BASE, ACCELVP_BOOTROM_SIZE},
        {"finisher", ACCELVP_FINISHER_BASE, ACCELVP_FINISHER_SIZE},
        {"clint", ACCELVP_CLINT_BASE, ACCELVP_CLINT_SIZE},
        {"plic", ACCELVP_PLIC_BASE, ACCELVP_PLIC_SIZE},
        {"uart0", ACCELVP_UART0_BASE, ACCELVP_UART0_SIZE},
        {"simctrl", ACCELVP_SIMCTRL_BASE, ACCELVP_SIMCTRL_SIZE},
        {"dma", ACCELVP_DMA_BASE, ACCELVP_DMA_SIZE},
        {"matrix", ACCELVP_MATRIX_BASE, ACCELVP_ACCEL_WINDOW_SIZE},
        {"sdpa", ACCELVP_SDPA_BASE, ACCELVP_ACCEL_WINDOW_SIZE},
        {"pim", ACCELVP_PIM_CTRL_BASE, ACCELVP_ACCEL_WINDOW_SIZE},
        {"sram", ACCELVP_SRAM_BASE, ACCELVP_SRAM_SIZE},
        {"dram", ACCELVP_DRAM_BASE, ACCELVP_DRAM_SIZE},
        {"pim_dram", ACCELVP_PIM_DRAM_BASE, ACCELVP_PIM_DRAM_SIZE},
    };
    for (const Expect& w : windows) {
        std::string key = std::string("soc.") + w.key;
        EXPECT_EQ(c.get_u64(key + ".base"), w.base) << key << ".base";
        EXPECT_EQ(c.get_u64(key + ".size"), w.size) << key << ".size";
    }
    EXPECT_EQ(c.get_u64("soc.uart0.irq"), uint64_t(ACCELVP_IRQ_UART0));
    EXPECT_EQ(c.get_u64("soc.matrix.irq"), uint64_t(ACCELVP_IRQ_MATRIX));
    EXPECT_EQ(c.get_u64("soc.sdpa.irq"), uint64_t(ACCELVP_IRQ_SDPA));
    EXPECT_EQ(c.get_u64("soc.pim.irq"), uint64_t(ACCELVP_IRQ_PIM));
    // The reset vector lies in the boot ROM (ARCHITECTURE.md: "boot ROM (reset vector)").
    EXPECT_EQ(c.get_u64("soc.cpu.reset_pc"), uint64_t(ACCELVP_BOOTROM_BASE));
}

TEST(Board, BusMapIsExactlyTheConfiguredWindows) {
    const Config c = Config::defaults();
    Board board("board", c);
    using Entry = std::tuple<std::string, uint64_t, uint64_t, bool>;  // name, base, size, device
    std::set<Entry> expected;
    for (const char* dev :
         {"bootrom", "finisher", "clint", "plic", "uart0", "simctrl", "dma", "matrix", "sram",
          "dram", "pim_dram"})
        expected.insert({std::string("soc.") + dev, c.get_u64(std::string("soc.") + dev + ".base"),
                         c.get_u64(std::string("soc.") + dev + ".size"), true});
    for (const char* reserved : {"sdpa", "pim"})
        expected.insert({std::string("soc.") + reserved,
                         c.get_u64(std::string("soc.") + reserved + ".base"),
                         c.get_u64(std::string("soc.") + reserved + ".size"), false});
    std::set<Entry> actual;
    for (const accelvp::AddressMap::Window& w : board.bus.address_map().windows())
        actual.insert({w.name, w.base, w.size, w.port >= 0});
    EXPECT_EQ(actual, expected);
    EXPECT_EQ(board.bus.address_map().windows().size(), expected.size());

    std::vector<std::string> memories;
    for (const auto& m : board.memories()) memories.push_back(m.name);
    EXPECT_EQ(memories, (std::vector<std::string>{"soc.bootrom", "soc.sram", "soc.dram",
                                                  "soc.pim_dram"}));
    ASSERT_NE(board.timed_dram(), nullptr) << "the default DRAM is the timed model";
    EXPECT_EQ(board.timed_dram()->size(), c.get_u64("soc.dram.size"));
    EXPECT_EQ(board.storage("soc.dram"), board.timed_dram()->data());
}

TEST(Board, LoadWritesSegmentsIntoTheMemories) {
    const Config c = Config::defaults();
    Board board("board", c);
    // Stale bytes where the .bss-like tail of the SRAM segment goes, and just past it.
    std::memset(board.sram.data() + 0x100, 0xEE, 0x40);
    ElfImage image = program({0x11111111, 0x22222222});
    image.segments.push_back(
        segment(ACCELVP_SRAM_BASE + 0x100, {0xA1B2C3D4}, 0x20));  // memsz > filesz
    image.segments.push_back(segment(ACCELVP_PIM_DRAM_BASE + 0x1000, {0x0BADF00D}));
    board.load(image);

    uint32_t word;
    std::memcpy(&word, board.storage("soc.dram"), 4);
    EXPECT_EQ(word, 0x11111111u);
    std::memcpy(&word, board.storage("soc.dram") + 4, 4);
    EXPECT_EQ(word, 0x22222222u);
    std::memcpy(&word, board.sram.data() + 0x100, 4);
    EXPECT_EQ(word, 0xA1B2C3D4u);
    for (unsigned i = 0x104; i < 0x120; ++i)
        EXPECT_EQ(board.sram.data()[i], 0) << "zero fill at " << i;
    EXPECT_EQ(board.sram.data()[0x120], 0xEE) << "past memsz: untouched";
    std::memcpy(&word, board.pim_dram.data() + 0x1000, 4);
    EXPECT_EQ(word, 0x0BADF00Du);
}

TEST(Board, BootRomJumpsToTheEntry) {
    const Config c = Config::defaults();
    Board board("board", c);
    ElfImage image = program({kJalSelf, kJalSelf});
    image.entry = ACCELVP_DRAM_BASE + 4;
    board.load(image);
    uint64_t offset = c.get_u64("soc.cpu.reset_pc") - c.get_u64("soc.bootrom.base");
    uint32_t word;
    std::memcpy(&word, board.bootrom.data() + offset + 24, 4);
    EXPECT_EQ(word, ACCELVP_DRAM_BASE + 4);
    // The code before it: auipc t0, 0 ; lw t0, 24(t0) ; ... ; jr t0.
    std::memcpy(&word, board.bootrom.data() + offset, 4);
    EXPECT_EQ(word, 0x00000297u);
    std::memcpy(&word, board.bootrom.data() + offset + 16, 4);
    EXPECT_EQ(word, 0x00028067u);
}

TEST(Board, SegmentOutsideEveryMemoryDoesNotFit) {
    const Config c = Config::defaults();
    Board board("board", c);
    ElfImage image = program({kJalSelf});
    image.segments.push_back(segment(0x4000'0000, {1, 2, 3}));
    try {
        board.load(image);
        FAIL() << "loaded a segment outside the memories";
    } catch (const ElfError& e) {
        EXPECT_EQ(e.kind(), ElfError::Kind::DoesNotFit) << e.what();
    }
}

TEST(Board, SegmentRunningPastTheEndOfSramDoesNotFit) {
    const Config c = Config::defaults();
    Board board("board", c);
    ElfImage image = program({kJalSelf});
    image.segments.push_back(segment(ACCELVP_SRAM_BASE + ACCELVP_SRAM_SIZE - 4, {1}, 8));
    try {
        board.load(image);
        FAIL() << "loaded a segment running past the SRAM";
    } catch (const ElfError& e) {
        EXPECT_EQ(e.kind(), ElfError::Kind::DoesNotFit) << e.what();
    }
}

TEST(Board, OverlappingWindowsAreAConfigError) {
    Config c = Config::defaults();
    c.set("soc.sram.base=0x80000000");
    std::string what = config_error(c);
    // The board maps SRAM first, so the DRAM window is the one refused: the message names
    // its keys and the SRAM window it collides with.
    EXPECT_NE(what.find("overlaps"), std::string::npos) << what;
    EXPECT_NE(what.find("soc.dram.base"), std::string::npos) << what;
    EXPECT_NE(what.find("sram"), std::string::npos) << what;
}

TEST(Board, ZeroQuantumIsAConfigErrorNamingTheKey) {
    Config c = Config::defaults();
    c.set("soc.cpu.quantum_ns=0");
    std::string what = config_error(c);
    EXPECT_NE(what.find("soc.cpu.quantum_ns"), std::string::npos) << what;
}

TEST(Board, OversizedDramIsAConfigErrorNamingTheKey) {
    Config c = Config::defaults();
    c.set("soc.dram.size=3Gi");
    std::string what = config_error(c);
    EXPECT_NE(what.find("soc.dram.size"), std::string::npos) << what;
}

TEST(Board, ResetVectorOutsideTheBootRomIsAConfigError) {
    Config c = Config::defaults();
    c.set("soc.cpu.reset_pc=0x80000000");
    Board board("board", c);
    try {
        board.load(program({kJalSelf}));
        FAIL() << "no ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("soc.cpu.reset_pc"), std::string::npos) << e.what();
    }
}

TEST(Board, FinisherPassExitsWithZero) {
    const Config c = Config::defaults();
    Board board("board", c);
    board.load(program(finish_with(0x5555)));
    RunOutcome outcome = board.run({});
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::Exited) << outcome.message;
    EXPECT_EQ(outcome.exit_code, 0);
    // The boot ROM (auipc, lw, csrr, li, jr) and the four instructions up to the store.
    EXPECT_EQ(board.cpu.hart().instret, 9u);
}

TEST(Board, FinisherFailExitsWithItsCode) {
    const Config c = Config::defaults();
    Board board("board", c);
    board.load(program(finish_with((7u << 16) | 0x3333)));
    RunOutcome outcome = board.run({});
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::Exited) << outcome.message;
    EXPECT_EQ(outcome.exit_code, 7);
}

TEST(Board, BootRomPassesTheHartIdInA0) {
    Config c = Config::defaults();
    c.set("soc.cpu.hartid=5");
    Board board("board", c);
    // exit code = a0: finisher <- (a0 << 16) | 0x3333
    board.load(
        program({enc::lui(kT0, ACCELVP_FINISHER_BASE >> 12), slli(kT1, kA0, 16), enc::lui(kT2, 0x3),
                 enc::addi(kT2, kT2, 0x333), or_(kT1, kT1, kT2), enc::sw(kT1, kT0, 0), kJalSelf}));
    RunOutcome outcome = board.run({});
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::Exited) << outcome.message;
    EXPECT_EQ(outcome.exit_code, 5);
}

TEST(Board, HtifTohostExits) {
    const Config c = Config::defaults();
    Board board("board", c);
    const uint32_t tohost = ACCELVP_DRAM_BASE + 0x1000;
    // tohost = (3 << 1) | 1: exit 3
    ElfImage image = program(
        {enc::lui(kT0, tohost >> 12), enc::addi(kT1, 0, 7), enc::sw(kT1, kT0, 0), kJalSelf});
    image.segments.push_back(segment(tohost, {0, 0, 0, 0}));  // tohost, fromhost
    image.symbols["tohost"] = tohost;
    image.symbols["fromhost"] = tohost + 8;
    board.load(image);
    RunOutcome outcome = board.run({});
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::Exited) << outcome.message;
    EXPECT_EQ(outcome.exit_code, 3);
}

TEST(Board, WfiWithInterruptsDisabledHangs) {
    const Config c = Config::defaults();
    Board board("board", c);
    board.load(program({enc::kWfi, kJalSelf}));
    RunOutcome outcome = board.run({});
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::Hung) << outcome.message;
    EXPECT_FALSE(outcome.message.empty());
}

TEST(Board, WfiWithNothingLeftToWakeItHangs) {
    const Config c = Config::defaults();
    Board board("board", c);
    // MTIE enabled, but mtimecmp keeps its reset value (all ones): no event will ever come.
    board.load(program(
        {enc::addi(kT2, 0, 0x80), enc::csrrs(0, 0x304 /* mie */, kT2), enc::kWfi, kJalSelf}));
    RunOutcome outcome = board.run({});
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::Hung) << outcome.message;
    EXPECT_NE(outcome.message.find("WFI"), std::string::npos) << outcome.message;
}

TEST(Board, InstructionLimitStopsExactly) {
    const Config c = Config::defaults();
    Board board("board", c);
    board.load(program({kJalSelf}));
    RunLimits limits;
    limits.max_instructions = 1000;
    RunOutcome outcome = board.run(limits);
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::InstructionLimit) << outcome.message;
    EXPECT_EQ(board.cpu.hart().instret, 1000u);
    EXPECT_NE(outcome.message.find("1000"), std::string::npos) << outcome.message;
}

TEST(Board, TimeLimitStopsAtThatTime) {
    const Config c = Config::defaults();
    Board board("board", c);
    board.load(program({kJalSelf}));
    RunLimits limits;
    limits.max_time = sc_time(5, SC_US);
    RunOutcome outcome = board.run(limits);
    EXPECT_EQ(outcome.kind, RunOutcome::Kind::TimeLimit) << outcome.message;
    EXPECT_EQ(sc_time_stamp(), sc_time(5, SC_US));
    EXPECT_NE(outcome.message.find("5000 ns"), std::string::npos) << outcome.message;
    // The hart ran ahead by at most one quantum (1 us by default).
    EXPECT_GE(board.cpu.local_time(), sc_time(5, SC_US));
    EXPECT_LE(board.cpu.local_time(), sc_time(6, SC_US) + sc_time(3, SC_NS));
}
