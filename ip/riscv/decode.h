// Decodes one RV32IMAFC instruction (32-bit, or 16-bit compressed when the low two bits are
// not 11) into a DecodedInsn. Reserved and unsupported encodings decode to the `illegal`
// handler, which raises illegal-instruction with the encoding in mtval when executed.
#pragma once

#include <cstdint>

#include "ip/riscv/cycle_costs.h"
#include "ip/riscv/decoded_insn.h"

namespace accelvp::rv {

DecodedInsn decode(uint32_t raw, const CycleCosts& costs);

}  // namespace accelvp::rv
