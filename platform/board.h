// The virtual board: every model of the SoC, wired as in ARCHITECTURE.md's memory map, built
// from a Config. The module hierarchy follows the configuration keys (soc.cpu, soc.uart0, ...)
// so that statistics and configuration use the same names.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <systemc>
#include <vector>

#include "ip/clint/clint.h"
#include "ip/dma/dma_device.h"
#include "ip/common/tracer.h"
#include "ip/dram/dram_target.h"
#include "ip/finisher/finisher.h"
#include "ip/interconnect/interconnect.h"
#include "ip/matrix/matrix_engine.h"
#include "ip/memory/memory.h"
#include "ip/plic/plic.h"
#include "ip/riscv/cpu.h"
#include "ip/riscv/htif.h"
#include "ip/simctrl/simctrl.h"
#include "ip/uart/uart.h"
#include "platform/config.h"
#include "platform/elf_loader.h"
#include "platform/stats.h"

namespace accelvp {

struct RunLimits {
    uint64_t max_instructions = 0;             // 0: none
    std::optional<sc_core::sc_time> max_time;  // simulated time
};

struct RunOutcome {
    enum class Kind { Exited, InstructionLimit, TimeLimit, TrapLoop, Hung, Interrupted } kind;
    int exit_code = 0;    // the firmware's, for Exited
    std::string message;  // what happened, for the other kinds
};

class Board : public sc_core::sc_module {
public:
    // Throws ConfigError for a configuration the board cannot be built from. With a tracer,
    // the models report their activity to it (`--trace`).
    Board(sc_core::sc_module_name name, const Config& config, Tracer* tracer = nullptr);

    // Where the UART and the HTIF console write (the board has no output of its own).
    void set_console(std::function<void(std::string_view)> console);

    // Copies the image into the memories (ElfError if a segment does not fit), points the
    // boot ROM at its entry and, if it defines `tohost`, attaches HTIF.
    void load(const ElfImage& image);

    RunOutcome run(const RunLimits& limits);

    std::vector<MemoryRange> memories() const;
    // The storage behind a memory window ("soc.dram"), or null for another window.
    uint8_t* storage(const std::string& window) const;
    // The timed DRAM (soc.dram.model = timed), or null.
    DramTarget* timed_dram() { return timed_dram_.get(); }
    StatsRegistry& stats() { return stats_; }
    // Regions of interest marked by the firmware: id, begin/end time, statistics difference.
    const nlohmann::json& regions() const { return regions_; }

    Cpu cpu;
    Interconnect bus;
    Memory bootrom, sram, pim_dram;
    Clint clint;
    Plic plic;
    Uart uart0;
    Finisher finisher;
    SimControl simctrl;
    DmaDevice dma;
    MatrixEngine matrix;

private:
    void register_stats();
    void write_boot_rom(uint32_t entry);
    void on_exit(int code);
    void console(std::string_view text);

    void build_dram(const Config& config, Tracer* tracer);

    uint64_t boot_rom_offset_;  // of the reset vector: soc.cpu.reset_pc - soc.bootrom.base
    // soc.dram: one of the two, after soc.dram.model.
    std::unique_ptr<Memory> functional_dram_;
    std::unique_ptr<DramTarget> timed_dram_;
    std::map<std::string, uint8_t*> storage_by_window_;  // bus window name -> its bytes
    std::function<void(std::string_view)> console_;
    std::unique_ptr<Htif> htif_;
    StatsRegistry stats_;
    std::optional<int> exit_code_;
    std::map<uint32_t, nlohmann::json> open_regions_;
    nlohmann::json regions_ = nlohmann::json::array();
};

}  // namespace accelvp
