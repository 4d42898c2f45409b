// accelvp: the command line of the virtual platform. `accelvp run FIRMWARE.elf` boots the
// firmware on the board described by the configuration and writes a run folder; see
// docs/command-line.md for every option and exit code.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <regex>
#include <string>
#include <systemc>
#include <vector>

#include "platform/board.h"
#include "platform/config.h"
#include "platform/dram_char.h"
#include "platform/elf_loader.h"
#include "platform/energy_report.h"
#include "platform/exit_codes.h"
#include "platform/run_folder.h"
#include "platform/trace_writer.h"

namespace {

using namespace accelvp;

// Set by SIGINT/SIGTERM; the CPU halts at its next synchronisation and the run ends normally,
// writing its outputs.
volatile std::sig_atomic_t g_cancelled = 0;
void on_signal(int) { g_cancelled = 1; }

struct RunOptions {
    std::string firmware;
    std::string config_file;
    std::vector<std::string> params;
    std::string out_dir = "accelvp-out";
    std::string max_instructions;
    std::string max_time;
    std::string trace_file;    // empty: no trace
    std::string energy_table;  // empty: the built-in table
};

// "10ms", "2.5 us", "1s", "300ns", or a plain number of nanoseconds.
std::optional<sc_core::sc_time> parse_time(const std::string& text) {
    static const std::regex pattern(R"(^\s*([0-9]+(?:\.[0-9]+)?)\s*(s|ms|us|ns|ps)?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) return std::nullopt;
    double value = std::stod(m[1]);
    std::string unit = m[2].matched ? m[2].str() : "ns";
    sc_core::sc_time_unit u = unit == "s"    ? sc_core::SC_SEC
                              : unit == "ms" ? sc_core::SC_MS
                              : unit == "us" ? sc_core::SC_US
                              : unit == "ps" ? sc_core::SC_PS
                                             : sc_core::SC_NS;
    sc_core::sc_time t(value, u);
    if (t == sc_core::SC_ZERO_TIME) return std::nullopt;
    return t;
}

int fail(int code, const std::string& message) {
    std::fflush(stdout);
    std::fprintf(stderr, "accelvp: error: %s\n", message.c_str());
    return code;
}

int run(const RunOptions& opt) {
    uint64_t max_instructions = 0;  // none
    if (!opt.max_instructions.empty()) {
        static const std::regex digits(R"(^\s*[0-9]{1,19}\s*$)");
        if (std::regex_match(opt.max_instructions, digits))
            max_instructions = std::stoull(opt.max_instructions);
        if (max_instructions == 0)
            return fail(exit_code::kUsage,
                        fmt::format("--max-instructions {}: expected a whole number from 1 to "
                                    "9999999999999999999",
                                    opt.max_instructions));
    }
    std::optional<sc_core::sc_time> max_time;
    if (!opt.max_time.empty()) {
        max_time = parse_time(opt.max_time);
        if (!max_time)
            return fail(exit_code::kUsage, fmt::format("--max-time {}: expected a positive time "
                                                       "such as 10ms, 250us or 1000 (ns)",
                                                       opt.max_time));
    }

    Config config = Config::defaults();
    try {
        if (!opt.config_file.empty()) config.merge_file(opt.config_file);
        for (const std::string& p : opt.params) config.set(p);
    } catch (const ConfigError& e) {
        return fail(exit_code::kBadConfig, e.what());
    }

    std::optional<RunFolder> folder;
    try {
        folder.emplace(opt.out_dir);
        config.write(folder->file("config.json").string());
    } catch (const std::exception& e) {
        return fail(exit_code::kOutput, e.what());
    }

    EnergyTable energy = EnergyTable::builtin();
    try {
        if (!opt.energy_table.empty()) energy = EnergyTable::load(opt.energy_table);
    } catch (const ConfigError& e) {
        return fail(exit_code::kBadConfig, e.what());
    }

    // The trace is opened before the run so that a bad path fails at once; it is closed
    // (completed as valid JSON) however the run ends.
    std::unique_ptr<ChromeTraceWriter> trace;
    if (!opt.trace_file.empty()) {
        try {
            trace = std::make_unique<ChromeTraceWriter>(opt.trace_file);
        } catch (const std::exception& e) {
            return fail(exit_code::kOutput, e.what());
        }
    }

    ElfImage image;
    try {
        image = load_elf(opt.firmware);
    } catch (const ElfError& e) {
        return fail(
            e.kind() == ElfError::Kind::NotFound ? exit_code::kNoFirmware : exit_code::kBadElf,
            e.what());
    }

    std::unique_ptr<Board> board;
    try {
        board = std::make_unique<Board>("soc", config, trace.get());
        board->load(image);
    } catch (const ConfigError& e) {
        return fail(exit_code::kBadConfig, e.what());
    } catch (const ElfError& e) {
        return fail(exit_code::kBadElf, e.what());
    }

    bool console = config.get_bool("sim.console");
    board->set_console([&](std::string_view text) {
        folder->log_uart(text);
        if (console) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            if (text.find('\n') != std::string_view::npos) std::fflush(stdout);
        }
    });

    board->cpu.set_cancel_flag(&g_cancelled);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    auto start = std::chrono::steady_clock::now();
    RunOutcome outcome = board->run({max_instructions, max_time});
    double host_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fflush(stdout);

    int status = outcome.exit_code;
    switch (outcome.kind) {
        case RunOutcome::Kind::Exited:
            break;
        case RunOutcome::Kind::InstructionLimit:
            status = exit_code::kInstructionLimit;
            break;
        case RunOutcome::Kind::TimeLimit:
            status = exit_code::kTimeLimit;
            break;
        case RunOutcome::Kind::TrapLoop:
            status = exit_code::kTrapLoop;
            break;
        case RunOutcome::Kind::Interrupted:
            status = exit_code::kInterrupted;
            break;
        case RunOutcome::Kind::Hung:
            status = exit_code::kHung;
            break;
    }

    uint64_t instructions = board->cpu.hart().instret;
    sc_core::sc_time sim_time = std::max(sc_core::sc_time_stamp(), board->cpu.local_time());
    double sim_ns = sim_time.to_seconds() * 1e9;
    double mips = host_seconds > 0 ? double(instructions) / host_seconds / 1e6 : 0.0;

    const uint64_t sim_ps = uint64_t(sim_ns * 1000 + 0.5);
    nlohmann::json stats = board->stats().derive(board->stats().snapshot(), sim_ps);
    stats["energy"] = energy.report(stats, sim_ps);
    stats["sim"] = {{"host_seconds", host_seconds},
                    {"sim_time_ns", uint64_t(sim_ns + 0.5)},
                    {"instructions", instructions},
                    {"mips", mips},
                    {"exit_code", status}};
    stats["regions"] = board->regions();
    for (nlohmann::json& region : stats["regions"]) {
        const uint64_t ns = region["end_ns"].get<uint64_t>() - region["begin_ns"].get<uint64_t>();
        region["energy"] = energy.report(region["stats"], ns * 1000);
    }
    if (trace) {
        try {
            trace->close();
        } catch (const std::exception& e) {
            fail(exit_code::kOutput, e.what());
        }
    }
    try {
        folder->write_json("stats.json", stats);
    } catch (const std::exception& e) {
        fail(exit_code::kOutput, e.what());
    }

    if (outcome.kind != RunOutcome::Kind::Exited) fail(status, outcome.message);
    std::fprintf(
        stderr,
        "accelvp: exit %d | %llu instructions | %.3f us simulated | %.3f s host | %.1f MIPS\n",
        status, static_cast<unsigned long long>(instructions), sim_ns / 1e3, host_seconds, mips);
    return status;
}

}  // namespace

// SystemC prints its banner from sc_elab_and_sim, before sc_main: set the variable that
// silences it first, so that the simulator's output is the firmware's and our own.
int main(int argc, char* argv[]) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char* argv[]) {
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                            sc_core::SC_DO_NOTHING);

    CLI::App app{"accelvp: a SystemC/TLM-2.0 virtual platform of an SoC accelerator"};
    app.set_version_flag("--version", std::string("accelvp ") + ACCELVP_VERSION);
    app.require_subcommand(1);

    RunOptions opt;
    CLI::App* run_cmd = app.add_subcommand("run", "boot firmware on the virtual board");
    run_cmd->add_option("firmware", opt.firmware, "the firmware ELF file (RV32)")->required();
    run_cmd->add_option("--config", opt.config_file,
                        "a board JSON file overriding the default board");
    run_cmd
        ->add_option("-p,--param", opt.params,
                     "override one configuration key: -p soc.cpu.quantum_ns=500")
        ->allow_extra_args(false);
    run_cmd->add_option("--out", opt.out_dir, "the run folder (config.json, uart.log, stats.json)")
        ->capture_default_str();
    run_cmd->add_option("--max-instructions", opt.max_instructions,
                        "stop after this many retired instructions (exit 125)");
    run_cmd->add_option("--max-time", opt.max_time,
                        "stop at this simulated time, e.g. 10ms (exit 124)");
    run_cmd->add_option("--trace", opt.trace_file,
                        "write a Perfetto/Chrome JSON trace (CPU, interconnect, DRAM commands)");
    run_cmd->add_option("--energy-table", opt.energy_table,
                        "energy per action and leakage per component (default: built in, "
                        "platform/energy/default.json)");

    DramCharOptions char_opt;
    CLI::App* char_cmd = app.add_subcommand(
        "dram-char", "characterise a DRAM preset: latencies, bandwidths, simulator speed");
    char_cmd->add_option("--preset", char_opt.preset,
                         "a preset name (platform/presets/dram/NAME.json) or a preset file")
        ->capture_default_str();
    char_cmd->add_flag("--json", char_opt.json, "print one JSON object");
    char_cmd->add_option("--transactions", char_opt.transactions,
                         "64-byte transactions per bandwidth stream")
        ->capture_default_str()
        ->check(CLI::Range(uint64_t{1000}, uint64_t{100'000'000}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(exit_code::kUsage, fmt::format("{} (see accelvp run --help)", e.what()));
    }

    try {
        if (char_cmd->parsed()) return run_dram_char(char_opt);
        return run(opt);
    } catch (const std::exception& e) {
        return fail(exit_code::kInternal, fmt::format("internal error: {}", e.what()));
    }
}
