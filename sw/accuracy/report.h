// The study's document (study.h) as tables on a stream: per GEMM, per layer end to end, and a
// summary of the normwise errors by G. Everything printed comes from the document, so the
// tables and --json carry the same figures.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>

namespace accelvp::sw::accuracy {

void print_report(std::FILE* out, const nlohmann::json& doc);

}  // namespace accelvp::sw::accuracy
