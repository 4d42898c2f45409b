// The matrix engine's configuration from the board's soc.matrix keys (docs/matrix-engine.md,
// "Configuration"). Kept out of board.cpp so that the keys and their checks stay in one place.
#pragma once

#include "ip/matrix/matrix_engine.h"
#include "platform/config.h"

namespace accelvp {

// Throws ConfigError naming the key (soc.matrix.rows, soc.matrix.dma.outstanding, ...) for a
// value out of range or a combination the engine cannot be built with.
MatrixEngineConfig matrix_engine_config(const Config& config);

}  // namespace accelvp
