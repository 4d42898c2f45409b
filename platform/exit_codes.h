// Exit status of `accelvp run`. A run that the firmware ends exits with the firmware's own
// code (finisher, HTIF or exit()); the simulator's own outcomes use codes from 64 up, so
// firmware that keeps its codes below 64 is never mistaken for one of them.
#pragma once

namespace accelvp::exit_code {

constexpr int kUsage = 64;              // a bad command-line argument
constexpr int kBadElf = 65;             // malformed, not RV32, or does not fit the memories
constexpr int kNoFirmware = 66;         // the firmware file does not exist or cannot be read
constexpr int kInternal = 70;           // a bug in the simulator (please report it)
constexpr int kOutput = 73;             // the run folder cannot be written
constexpr int kBadConfig = 78;          // unknown key, ill-typed value, inconsistent board
constexpr int kTrapLoop = 121;          // the firmware traps without making progress
constexpr int kHung = 122;              // nothing left that could wake the CPU
constexpr int kTimeLimit = 124;         // --max-time reached
constexpr int kInstructionLimit = 125;
constexpr int kInterrupted = 130;       // SIGINT or SIGTERM (Ctrl-C): outputs are still written  // --max-instructions reached

}  // namespace accelvp::exit_code
