#include "sw/gemm_ref/gemm_ref.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ip/matrix/bf16.h"
#include "ip/matrix/mac_kernel.h"
#include "ip/matrix/matrix_command.h"
#include "ip/matrix/matrix_regs.h"
#include "sw/gemm_ref/gemm_data.h"

namespace accelvp::sw {

namespace {

void require(bool ok, const std::string& message) {
    if (!ok) throw std::invalid_argument(message);
}

size_t elements(uint32_t rows, uint32_t ld) {
    return size_t{rows} * ld;
}

// Raw little-endian bytes, whatever the host's byte order.
void write_le(std::ofstream& out, uint32_t value, unsigned bytes) {
    for (unsigned i = 0; i < bytes; ++i) out.put(static_cast<char>((value >> (8 * i)) & 0xff));
}

template <typename T>
nlohmann::json write_matrix(const std::filesystem::path& dir, const std::string& name,
                            const std::vector<T>& bits, unsigned element_bytes,
                            const std::string& format, uint32_t rows, uint32_t cols, uint32_t ld) {
    const std::filesystem::path path = dir / name;
    std::ofstream out(path, std::ios::binary);
    for (T v : bits) write_le(out, static_cast<uint32_t>(v), element_bytes);
    out.close();
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
    return {{"file", name}, {"format", format}, {"rows", rows},
            {"cols", cols}, {"ld", ld},         {"bytes", bits.size() * element_bytes}};
}

}  // namespace

bool GemmSpec::transposed_b() const {
    return flags & MATRIX_FLAG_B_TRANSPOSED;
}
bool GemmSpec::accumulate() const {
    return flags & MATRIX_FLAG_ACCUMULATE;
}
bool GemmSpec::bias() const {
    return flags & MATRIX_FLAG_BIAS;
}
bool GemmSpec::out_bf16() const {
    return flags & MATRIX_FLAG_OUT_BF16;
}
uint32_t GemmSpec::ldb_or_dense() const {
    return ldb ? ldb : (transposed_b() ? k : n);
}

void GemmSpec::validate() const {
    require((flags & ~uint32_t{MATRIX_FLAGS_VALID}) == 0,
            fmt::format("flags: unknown bits 0x{:x}", flags & ~uint32_t{MATRIX_FLAGS_VALID}));
    const struct {
        const char* name;
        uint32_t value;
    } dims[] = {{"m", m}, {"n", n}, {"k", k}};
    for (const auto& d : dims) {
        require(d.value > 0, fmt::format("{}: must be at least 1", d.name));
        require(d.value <= matrix::kMaxDimension,
                fmt::format("{}: {} is above the engine's limit {}", d.name, d.value,
                            matrix::kMaxDimension));
    }
    require(lda_or_dense() >= k, fmt::format("lda: {} is below k = {}", lda, k));
    const uint32_t b_row = transposed_b() ? k : n;
    require(ldb_or_dense() >= b_row, fmt::format("ldb: {} is below the row of B, {}", ldb, b_row));
    require(ldc_or_dense() >= n, fmt::format("ldc: {} is below n = {}", ldc, n));
    try {
        mac.validate();
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(fmt::format("mac: {}", e.what()));
    }
}

GemmOperands generate(const GemmSpec& spec) {
    spec.validate();
    GemmOperands ops;
    ops.a.assign(elements(spec.m, spec.lda_or_dense()), 0);
    gemm_data_fill_bf16(ops.a.data(), spec.m, spec.k, spec.lda_or_dense(), spec.seed,
                        GEMM_STREAM_A);
    const uint32_t b_cols = spec.transposed_b() ? spec.k : spec.n;
    ops.b.assign(elements(spec.b_rows(), spec.ldb_or_dense()), 0);
    gemm_data_fill_bf16(ops.b.data(), spec.b_rows(), b_cols, spec.ldb_or_dense(), spec.seed,
                        GEMM_STREAM_B);
    if (spec.accumulate()) {
        const size_t count = elements(spec.m, spec.ldc_or_dense());
        ops.c_init.assign(count, 0);
        if (spec.out_bf16()) {
            std::vector<uint16_t> c(count, 0);
            gemm_data_fill_bf16(c.data(), spec.m, spec.n, spec.ldc_or_dense(), spec.seed,
                                GEMM_STREAM_C);
            ops.c_init.assign(c.begin(), c.end());
        } else {
            gemm_data_fill_f32_bits(ops.c_init.data(), spec.m, spec.n, spec.ldc_or_dense(),
                                    spec.seed, GEMM_STREAM_C);
        }
    }
    if (spec.bias()) {
        std::vector<uint32_t> bits(spec.n);
        gemm_data_fill_f32_bits(bits.data(), 1, spec.n, spec.n, spec.seed, GEMM_STREAM_BIAS);
        for (uint32_t bit : bits) ops.bias.push_back(matrix::float_from_bits(bit));
    }
    return ops;
}

std::vector<float> compute(const GemmSpec& spec, const GemmOperands& ops) {
    spec.validate();
    const uint32_t m = spec.m, n = spec.n, k = spec.k, ldc = spec.ldc_or_dense();
    require(ops.a.size() >= elements(m, spec.lda_or_dense()) &&
                ops.b.size() >= elements(spec.b_rows(), spec.ldb_or_dense()) &&
                (!spec.accumulate() || ops.c_init.size() >= elements(m, ldc)) &&
                (!spec.bias() || ops.bias.size() >= n),
            "operands: smaller than the spec says");

    // The initial accumulator, as the engine loads it: 0, C, the bias row, or C + bias
    // (one fp32 addition, rounded to nearest even).
    std::vector<float> acc(size_t{m} * n, 0.0f);
    for (uint32_t i = 0; i < m; ++i)
        for (uint32_t j = 0; j < n; ++j) {
            float v = 0.0f;
            if (spec.accumulate()) {
                const uint32_t bits = ops.c_init[size_t{i} * ldc + j];
                v = spec.out_bf16() ? matrix::bf16_to_float(static_cast<uint16_t>(bits))
                                    : matrix::float_from_bits(bits);
            }
            if (spec.bias()) v = spec.accumulate() ? v + ops.bias[j] : ops.bias[j];
            acc[size_t{i} * n + j] = v;
        }

    // The kernel takes B as K x N rows: a transposed B is copied into that shape first.
    const uint16_t* b = ops.b.data();
    uint32_t ldb = spec.ldb_or_dense();
    std::vector<uint16_t> b_kn;
    if (spec.transposed_b()) {
        b_kn.resize(size_t{k} * n);
        for (uint32_t j = 0; j < n; ++j)
            for (uint32_t kk = 0; kk < k; ++kk) b_kn[size_t{kk} * n + j] = b[size_t{j} * ldb + kk];
        b = b_kn.data();
        ldb = n;
    }
    matrix::accumulate_tile(acc.data(), int(m), int(n), ops.a.data(), b, int(k), spec.mac,
                            {int(n), int(spec.lda_or_dense()), int(ldb)});
    return acc;
}

std::vector<uint32_t> output_bits(const GemmSpec& spec, const std::vector<float>& acc) {
    std::vector<uint32_t> out(acc.size());
    for (size_t i = 0; i < acc.size(); ++i)
        out[i] = spec.out_bf16() ? matrix::float_to_bf16(acc[i]) : matrix::float_bits(acc[i]);
    return out;
}

uint32_t checksum(const GemmSpec& spec, const std::vector<uint32_t>& out) {
    require(out.size() == size_t{spec.m} * spec.n, "checksum: the result is not m x n");
    uint32_t h = GEMM_CHECKSUM_INIT;
    for (uint32_t bits : out) h = gemm_checksum_step(h, bits);
    return h;
}

nlohmann::json describe(const GemmSpec& spec, uint32_t sum) {
    const bool exact = spec.mac.mode == matrix::MacConfig::Mode::Exact;
    const bool nearest = spec.mac.rounding == matrix::MacConfig::Rounding::NearestEven;
    return {
        {"m", spec.m},
        {"n", spec.n},
        {"k", spec.k},
        {"lda", spec.lda_or_dense()},
        {"ldb", spec.ldb_or_dense()},
        {"ldc", spec.ldc_or_dense()},
        {"flags",
         {{"value", spec.flags},
          {"transpose_b", spec.transposed_b()},
          {"accumulate", spec.accumulate()},
          {"bias", spec.bias()},
          {"out_bf16", spec.out_bf16()}}},
        {"seed", spec.seed},
        {"generator", "sw/gemm_ref/gemm_data.h"},
        {"mac",
         {{"mode", exact ? "exact" : "approx"},
          {"norm_group_bits", spec.mac.norm_group_bits},
          {"rounding", nearest ? "nearest-even" : "toward-zero"}}},
        {"checksum", fmt::format("0x{:08x}", sum)},
    };
}

nlohmann::json write_case(const std::string& dir, const GemmSpec& spec, const GemmOperands& ops,
                          const std::vector<uint32_t>& out) {
    const std::filesystem::path path(dir);
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create {}: {}", dir, ec.message()));

    const uint32_t ldc = spec.ldc_or_dense(), eb = spec.c_element_bytes();
    const std::string c_format = spec.out_bf16() ? "bf16" : "fp32";
    nlohmann::json files;
    files["a"] = write_matrix(path, "a.bin", ops.a, 2, "bf16", spec.m, spec.k, spec.lda_or_dense());
    files["b"] = write_matrix(path, "b.bin", ops.b, 2, "bf16", spec.b_rows(),
                              spec.transposed_b() ? spec.k : spec.n, spec.ldb_or_dense());
    if (spec.accumulate())
        files["c_in"] =
            write_matrix(path, "c_in.bin", ops.c_init, eb, c_format, spec.m, spec.n, ldc);
    if (spec.bias()) {
        std::vector<uint32_t> bits;
        for (float v : ops.bias) bits.push_back(matrix::float_bits(v));
        files["bias"] = write_matrix(path, "bias.bin", bits, 4, "fp32", 1, spec.n, spec.n);
    }
    // The result with C's leading dimension, padding 0, as the engine leaves it in memory
    // (except the padding, which it never writes).
    std::vector<uint32_t> c(elements(spec.m, ldc), 0);
    for (uint32_t i = 0; i < spec.m; ++i)
        for (uint32_t j = 0; j < spec.n; ++j) c[size_t{i} * ldc + j] = out[size_t{i} * spec.n + j];
    files["c"] = write_matrix(path, "c.bin", c, eb, c_format, spec.m, spec.n, ldc);

    nlohmann::json description = describe(spec, checksum(spec, out));
    description["files"] = files;
    const std::filesystem::path json_path = path / "gemm.json";
    std::ofstream json(json_path);
    json << description.dump(2) << '\n';
    json.close();
    if (!json) throw std::runtime_error(fmt::format("cannot write {}", json_path.string()));
    return description;
}

}  // namespace accelvp::sw
