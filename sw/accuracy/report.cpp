#include "sw/accuracy/report.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace accelvp::sw::accuracy {

namespace {

using nlohmann::json;

const char* const kStatKeys[] = {"mean_rel", "max_rel",     "row_rel_max",
                                 "normwise", "fp32_differ", "bf16_differ"};
const char* const kStatHeads[] = {"mean rel", "max rel",   "row max",
                                  "normwise", "fp32 diff", "bf16 diff"};

std::string number(const json& v) {
    if (v.is_null()) return fmt::format("{:>10}", "inf");  // JSON has no infinity
    const double x = v.get<double>();
    return x == 0.0 ? fmt::format("{:>10}", "0") : fmt::format("{:>10.2e}", x);
}

std::string label(const json& cfg) {
    const int g = cfg["group_bits"];
    const bool nearest = cfg["rounding"] == "nearest-even";
    return fmt::format("G={:<2} {}{}", g, nearest ? "nearest" : "to-zero",
                       g == 1 ? " (=exact)" : "");
}

std::string stats_cells(const json& stats) {
    std::string s;
    for (const char* key : kStatKeys) s += " " + number(stats[key]);
    return s;
}

std::string stats_heads(const char* prefix) {
    std::string s;
    for (const char* head : kStatHeads)
        s += fmt::format(" {:>10}", fmt::format("{}{}", prefix, head));
    return s;
}

void print_gemm(std::FILE* out, const json& g) {
    fmt::print(out, "\nGEMM {} [{}, seed 0x{:016x}]\n", g["name"].get<std::string>(),
               g["workload"].get<std::string>(), g["seed"].get<uint64_t>());
    fmt::print(out, "  {:<20}{} | {:>10} | {:>10} {:>10} {:>10}\n", "config", stats_heads(""),
               "total f64", "short win", "step diff", "step err");
    fmt::print(out, "  {:<20}{} | {}\n", "exact vs f64", stats_cells(g["baseline"]),
               number(g["baseline"]["normwise"]));
    for (const json& e : g["sweep"])
        fmt::print(out, "  {:<20}{} | {} | {} {} {}\n", label(e), stats_cells(e["vs_exact"]),
                   number(e["vs_f64"]["normwise"]), number(e["steps"]["short_window"]),
                   number(e["steps"]["differ"]), number(e["steps"]["mean_error"]));
}

void print_end_to_end(std::FILE* out, const json& layer) {
    const bool attention = layer["kind"] == "attention";
    fmt::print(out, "\nEnd to end: {} [seed 0x{:016x}]\n", layer["name"].get<std::string>(),
               layer["seed"].get<uint64_t>());
    if (attention)
        fmt::print(out,
                   "  scaled scores: sd {:.2f}; softmax rows: top probability {:.3f}, entropy "
                   "{:.2f} nats\n",
                   layer["softmax"]["logit_sd"].get<double>(),
                   layer["softmax"]["top_probability"].get<double>(),
                   layer["softmax"]["entropy"].get<double>());
    auto row = [&](const std::string& name, const json& e) {
        std::string cells;
        if (attention)
            for (const char* key : {"argmax_changed", "kl_mean", "kl_max"})
                cells += " " + number(e["scores"][key]);
        fmt::print(out, "  {:<20}{}{}\n", name, cells, stats_cells(e["output"]));
    };
    fmt::print(
        out, "  {:<20}{}{}\n", "config",
        attention ? fmt::format(" {:>10} {:>10} {:>10}", "argmax chg", "KL mean", "KL max") : "",
        stats_heads("out "));
    row("exact vs f64", layer["baseline"]);
    for (const json& e : layer["sweep"]) row(label(e), e);
}

// One line per GEMM: the normwise error against exact mode for each G with one rounding.
void print_summary(std::FILE* out, const json& doc, const std::string& rounding) {
    std::vector<int> groups;
    for (const json& cfg : doc["sweep"])
        if (cfg["rounding"] == rounding && cfg["group_bits"] != 1)
            groups.push_back(cfg["group_bits"]);
    fmt::print(out, "\nSummary, {}: normwise error against exact mode (exact vs f64 for scale)\n",
               rounding);
    std::string head = fmt::format("  {:<56} {:>10}", "GEMM", "exact/f64");
    for (int g : groups) head += fmt::format(" {:>10}", fmt::format("G={}", g));
    fmt::print(out, "{}\n", head);
    for (const json& g : doc["gemms"]) {
        std::string line = fmt::format("  {:<56} {}", g["name"].get<std::string>(),
                                       number(g["baseline"]["normwise"]));
        for (const json& e : g["sweep"])
            if (e["rounding"] == rounding && e["group_bits"] != 1)
                line += " " + number(e["vs_exact"]["normwise"]);
        fmt::print(out, "{}\n", line);
    }
}

}  // namespace

void print_report(std::FILE* out, const json& doc) {
    fmt::print(out, "approx_accuracy: seed {}, {} workloads, kernel {}\n",
               doc["seed"].get<uint64_t>(), doc["quick"].get<bool>() ? "quick" : "full",
               doc["kernel"].get<std::string>());
    fmt::print(
        out,
        "  mean/max rel: |y - r| / max(|r|, {} x RMS of r's row); row max: max over rows of\n"
        "  ||y_i - r_i|| / ||r_i||; normwise: ||y - r||_F / ||r||_F; fp32/bf16 diff: fraction\n"
        "  of outputs whose bits differ. Row 'exact vs f64': exact mode against the float64\n"
        "  value; other rows: approx mode against exact mode; 'total f64': approx against\n"
        "  float64. KL: D(softmax(approx) || softmax(exact)) per row, nats. Single steps along\n"
        "  exact mode's accumulation of sampled outputs: 'short win', fraction left with\n"
        "  1 <= L < G leading zeros; 'step diff', fraction whose result changes; 'step err',\n"
        "  mean |result - exact sum| / |exact sum| (G = 1: exact mode's own rounding).\n",
        doc["floor"].get<double>());
    for (const json& g : doc["gemms"]) print_gemm(out, g);
    for (const json& layer : doc["end_to_end"]) print_end_to_end(out, layer);
    print_summary(out, doc, "nearest-even");
    print_summary(out, doc, "toward-zero");
    fmt::print(out, "\nElapsed: {:.1f} s\n", doc["elapsed_seconds"].get<double>());
}

}  // namespace accelvp::sw::accuracy
