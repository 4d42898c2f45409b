// approx_accuracy: what approx mode's coarse normalisation costs in accuracy, on random GEMMs
// and transformer-like layers (docs/approx-study.md).
//   approx_accuracy [--quick] [--json FILE] [--seed N] [--floor F]
// Prints the tables on stdout and progress on stderr; --json writes the same figures.
// Exit status: 0, 64 for a bad argument, 73 when the JSON file cannot be written.
#include <fmt/format.h>
#include <sysexits.h>  // EX_USAGE (64) and EX_CANTCREAT (73), the codes gemm_ref uses too

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>

#include "sw/accuracy/report.h"
#include "sw/accuracy/study.h"

namespace {

// The message on stderr, and the exit status for main to return.
int fail(int code, const std::string& message) {
    fmt::print(stderr, "approx_accuracy: error: {}\n", message);
    return code;
}

}  // namespace

int main(int argc, char* argv[]) {
    accelvp::sw::accuracy::StudyOptions options;
    std::string json_path;

    CLI::App app{"approx_accuracy: accuracy of the bf16 MAC's approx mode against exact mode"};
    app.add_flag("--quick", options.quick, "small sizes (about a second), for tests");
    app.add_option("--json", json_path, "also write the figures to this JSON file");
    app.add_option("--seed", options.seed, "run seed; every operand follows from it")
        ->capture_default_str();
    app.add_option("--floor", options.floor,
                   "element-wise relative error: floor of the denominator, as a fraction of the "
                   "row's RMS")
        ->check(CLI::Range(1e-12, 1.0))
        ->capture_default_str();
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(EX_USAGE, fmt::format("{} (see approx_accuracy --help)", e.what()));
    }

    // Opened before the run, so that a bad path fails at once and not after minutes of work.
    std::ofstream json_out;
    if (!json_path.empty()) {
        json_out.open(json_path);
        if (!json_out) return fail(EX_CANTCREAT, fmt::format("cannot write {}", json_path));
    }

    const nlohmann::json doc = accelvp::sw::accuracy::run_study(
        options,
        [](const std::string& line) { fmt::print(stderr, "approx_accuracy: {}\n", line); });
    accelvp::sw::accuracy::print_report(stdout, doc);
    if (json_out.is_open()) {
        json_out << doc.dump(2) << '\n';
        json_out.close();
        if (!json_out) return fail(EX_CANTCREAT, fmt::format("cannot write {}", json_path));
    }
    return 0;
}
