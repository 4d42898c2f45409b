// gemm_ref: golden results for the matrix engine (docs/matrix-firmware.md).
//   gemm_ref --m 512 --n 512 --k 512 --seed 1 --out dir   writes operands, result, gemm.json
//   gemm_ref --m 512 --n 512 --k 512 --seed 1 --checksum  prints the checksum only
// Either way it prints one line:
//   gemm_ref m=512 n=512 k=512 flags=0x0 seed=1 checksum=0x........
// Exit status: 0, 64 for a bad argument, 73 when the output cannot be written.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <stdexcept>

#include "ip/matrix/matrix_regs.h"
#include "sw/gemm_ref/gemm_ref.h"

namespace {

constexpr int kUsage = 64;
constexpr int kOutput = 73;

int fail(int code, const std::string& message) {
    fmt::print(stderr, "gemm_ref: error: {}\n", message);
    return code;
}

}  // namespace

int main(int argc, char* argv[]) {
    using accelvp::matrix::MacConfig;
    accelvp::sw::GemmSpec spec;
    bool transpose_b = false, accumulate = false, bias = false, out_bf16 = false;
    bool checksum_only = false;
    std::string out_dir, mode = "exact", rounding = "nearest-even";

    CLI::App app{"gemm_ref: golden bf16 GEMM results for the matrix engine"};
    app.add_option("--m", spec.m, "rows of A and C")->required();
    app.add_option("--n", spec.n, "columns of B and C")->required();
    app.add_option("--k", spec.k, "columns of A, rows of B")->required();
    app.add_option("--lda", spec.lda, "leading dimension of A in elements (default k)");
    app.add_option("--ldb", spec.ldb, "leading dimension of B (default n, or k if transposed)");
    app.add_option("--ldc", spec.ldc, "leading dimension of C (default n)");
    app.add_option("--seed", spec.seed, "generator seed (gemm_data.h)")->capture_default_str();
    app.add_flag("--transpose-b", transpose_b, "B stored N x K (MATRIX_FLAG_B_TRANSPOSED)");
    app.add_flag("--accumulate", accumulate, "C = A x B + C, C generated (MATRIX_FLAG_ACCUMULATE)");
    app.add_flag("--bias", bias, "add a generated fp32 bias row (MATRIX_FLAG_BIAS)");
    app.add_flag("--out-bf16", out_bf16, "C in bf16 (MATRIX_FLAG_OUT_BF16), else fp32");
    app.add_option("--mac", mode, "MAC mode")
        ->check(CLI::IsMember({"exact", "approx"}))
        ->capture_default_str();
    app.add_option("--group-bits", spec.mac.norm_group_bits,
                   "approx mode: normalisation group G (docs/matrix-numerics.md)")
        ->capture_default_str();
    app.add_option("--rounding", rounding, "approx mode: rounding")
        ->check(CLI::IsMember({"nearest-even", "toward-zero"}))
        ->capture_default_str();
    auto* out_opt = app.add_option("--out", out_dir, "folder for the files and gemm.json");
    auto* sum_opt = app.add_flag("--checksum", checksum_only, "print the checksum, write nothing");
    out_opt->excludes(sum_opt);
    try {
        app.parse(argc, argv);
        if (out_dir.empty() && !checksum_only)
            throw CLI::ValidationError("--out or --checksum", "one of them is required");
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return fail(kUsage, fmt::format("{} (see gemm_ref --help)", e.what()));
    }

    spec.flags = (transpose_b ? MATRIX_FLAG_B_TRANSPOSED : 0) |
                 (accumulate ? MATRIX_FLAG_ACCUMULATE : 0) | (bias ? MATRIX_FLAG_BIAS : 0) |
                 (out_bf16 ? MATRIX_FLAG_OUT_BF16 : 0);
    spec.mac.mode = mode == "exact" ? MacConfig::Mode::Exact : MacConfig::Mode::Approx;
    spec.mac.rounding = rounding == "nearest-even" ? MacConfig::Rounding::NearestEven
                                                   : MacConfig::Rounding::TowardZero;
    try {
        spec.validate();
    } catch (const std::invalid_argument& e) {
        return fail(kUsage, e.what());
    }

    const accelvp::sw::GemmOperands ops = accelvp::sw::generate(spec);
    const std::vector<uint32_t> out =
        accelvp::sw::output_bits(spec, accelvp::sw::compute(spec, ops));
    const uint32_t sum = accelvp::sw::checksum(spec, out);
    if (!checksum_only) {
        try {
            accelvp::sw::write_case(out_dir, spec, ops, out);
        } catch (const std::runtime_error& e) {
            return fail(kOutput, e.what());
        }
    }
    fmt::print("gemm_ref m={} n={} k={} flags=0x{:x} seed={} checksum=0x{:08x}\n", spec.m, spec.n,
               spec.k, spec.flags, spec.seed, sum);
    return 0;
}
