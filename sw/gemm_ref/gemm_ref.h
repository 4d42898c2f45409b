// Host-side golden reference for the matrix engine: generates a GEMM's operands exactly as the
// firmware does (sw/gemm_ref/gemm_data.h) and computes the engine's result bit for bit with the
// engine's own MAC kernel (ip/matrix/mac_kernel.h, exact or approx mode), fast enough for
// 1024^3 in well under a second on an AVX2 host. Semantics of the command (initial
// accumulator, output rounding, leading dimensions) are the register map's
// (ip/matrix/matrix_regs.h); the file formats are in docs/matrix-firmware.md.
// Not modelled: the engine's timing, DMA, or errors (a spec that the engine would reject is
// refused here with std::invalid_argument).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ip/matrix/mac.h"

namespace accelvp::sw {

struct GemmSpec {
    uint32_t m = 0, n = 0, k = 0;
    uint32_t lda = 0, ldb = 0, ldc = 0;  // in elements; 0: dense (the row length)
    uint32_t flags = 0;                  // MATRIX_FLAG_*
    uint32_t seed = 1;
    matrix::MacConfig mac;

    bool transposed_b() const;
    bool accumulate() const;
    bool bias() const;
    bool out_bf16() const;
    uint32_t lda_or_dense() const { return lda ? lda : k; }
    uint32_t ldb_or_dense() const;
    uint32_t ldc_or_dense() const { return ldc ? ldc : n; }
    uint32_t b_rows() const { return transposed_b() ? n : k; }  // as stored
    uint32_t c_element_bytes() const { return out_bf16() ? 2 : 4; }

    // Throws std::invalid_argument naming the offending field (m, lda, flags, mac...).
    void validate() const;
};

// Operands as they lie in the engine's memory, leading dimensions included (padding is 0).
struct GemmOperands {
    std::vector<uint16_t> a;       // m x lda
    std::vector<uint16_t> b;       // b_rows() x ldb
    std::vector<uint32_t> c_init;  // accumulate input, m x ldc element bits (bf16 in 16 bits)
    std::vector<float> bias;       // n values
};

// The firmware's generator: the same seed gives the same bytes.
GemmOperands generate(const GemmSpec& spec);

// The final fp32 accumulators, m x n dense, before rounding to the output format.
std::vector<float> compute(const GemmSpec& spec, const GemmOperands& ops);

// The result as the engine stores it: m x n dense element bits (fp32, or bf16 rounded to
// nearest even with canonical NaN).
std::vector<uint32_t> output_bits(const GemmSpec& spec, const std::vector<float>& acc);

// gemm_data.h's checksum of output_bits() (what the firmware prints).
uint32_t checksum(const GemmSpec& spec, const std::vector<uint32_t>& out);

// Writes a.bin, b.bin, [c_in.bin], [bias.bin], c.bin (little-endian raw, with the leading
// dimensions) and gemm.json describing them into dir (created if missing). Returns the
// description. Throws std::runtime_error naming the file when one cannot be written.
nlohmann::json write_case(const std::string& dir, const GemmSpec& spec, const GemmOperands& ops,
                          const std::vector<uint32_t>& out);

// The description without the files: shape, flags, seed, MAC configuration, checksum.
nlohmann::json describe(const GemmSpec& spec, uint32_t checksum);

}  // namespace accelvp::sw
