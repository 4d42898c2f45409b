#include "ip/dram/timing_table.h"

namespace accelvp::dram {

const char* to_string(Command command) {
    switch (command) {
        case Command::ACT:
            return "ACT";
        case Command::PRE:
            return "PRE";
        case Command::PREA:
            return "PREA";
        case Command::RD:
            return "RD";
        case Command::WR:
            return "WR";
        case Command::REF:
            return "REF";
    }
    return "?";
}

const char* to_string(Scope scope) {
    switch (scope) {
        case Scope::Bank:
            return "bank";
        case Scope::BankGroup:
            return "bank group";
        case Scope::Rank:
            return "rank";
        case Scope::Channel:
            return "channel";
    }
    return "?";
}

TimingTable build_timing_table(const DramSpec& spec) {
    const Timing& t = spec.timing;
    const int64_t BL2 = spec.burst_cycles();
    // Write recovery: from WR to the end of its data (CWL + BL/2), then tWR.
    const int64_t write_recovery = t.CWL + BL2 + t.tWR;
    // Read to write on the same data bus: read data ends CL + BL/2 after RD, the write's data
    // begins CWL after WR, and the bus needs 2 cycles to turn around (JEDEC tRTW).
    const int64_t read_to_write = int64_t{t.CL} + BL2 + 2 - t.CWL;
    // Write to read on the data bus (another rank): the read's data must not start before
    // the write's data ends. Within a rank tWTR is far longer.
    const int64_t write_to_read_bus = int64_t{t.CWL} + BL2 - t.CL;

    using C = Command;
    using S = Scope;
    struct Row {
        S scope;
        C preceding, following;
        int64_t latency;
        const char* name;
    };
    const Row rows[] = {
        // Bank: row cycle, activation, precharge.
        {S::Bank, C::ACT, C::ACT, t.tRC, "tRC"},
        {S::Bank, C::ACT, C::RD, t.tRCD, "tRCD"},
        {S::Bank, C::ACT, C::WR, t.tRCD, "tRCD"},
        {S::Bank, C::ACT, C::PRE, t.tRAS, "tRAS"},
        {S::Bank, C::PRE, C::ACT, t.tRP, "tRP"},
        {S::Bank, C::RD, C::PRE, t.tRTP, "tRTP"},
        {S::Bank, C::WR, C::PRE, write_recovery, "CWL+BL/2+tWR"},
        // Bank group: the long variants.
        {S::BankGroup, C::ACT, C::ACT, t.tRRD_L, "tRRD_L"},
        {S::BankGroup, C::RD, C::RD, t.tCCD_L, "tCCD_L"},
        {S::BankGroup, C::WR, C::WR, t.tCCD_L, "tCCD_L"},
        {S::BankGroup, C::WR, C::RD, int64_t{t.CWL} + BL2 + t.tWTR_L, "CWL+BL/2+tWTR_L"},
        // Rank: the short variants, and the all-bank commands.
        {S::Rank, C::ACT, C::ACT, t.tRRD_S, "tRRD_S"},
        {S::Rank, C::RD, C::RD, t.tCCD_S, "tCCD_S"},
        {S::Rank, C::WR, C::WR, t.tCCD_S, "tCCD_S"},
        {S::Rank, C::WR, C::RD, int64_t{t.CWL} + BL2 + t.tWTR_S, "CWL+BL/2+tWTR_S"},
        {S::Rank, C::ACT, C::PREA, t.tRAS, "tRAS"},
        {S::Rank, C::RD, C::PREA, t.tRTP, "tRTP"},
        {S::Rank, C::WR, C::PREA, write_recovery, "CWL+BL/2+tWR"},
        {S::Rank, C::PREA, C::ACT, t.tRP, "tRP"},
        {S::Rank, C::PRE, C::REF, t.tRP, "tRP"},
        {S::Rank, C::PREA, C::REF, t.tRP, "tRP"},
        {S::Rank, C::REF, C::ACT, t.tRFC, "tRFC"},
        {S::Rank, C::REF, C::REF, t.tRFC, "tRFC"},
        // Channel: the shared data bus (one burst at a time, turnarounds).
        {S::Channel, C::RD, C::RD, BL2, "BL/2"},
        {S::Channel, C::WR, C::WR, BL2, "BL/2"},
        {S::Channel, C::RD, C::WR, read_to_write, "CL+BL/2+2-CWL"},
        {S::Channel, C::WR, C::RD, write_to_read_bus, "CWL+BL/2-CL"},
    };

    TimingTable table;
    table.faw_cycles = t.tFAW;
    table.burst_cycles = static_cast<uint32_t>(BL2);
    for (const Row& row : rows)
        if (row.latency > 0)  // a non-positive latency constrains nothing
            table.rules.push_back({row.scope, row.preceding, row.following,
                                   static_cast<uint32_t>(row.latency), row.name});
    // The command bus carries one command per clock cycle.
    for (int p = 0; p < kCommandCount; ++p)
        for (int f = 0; f < kCommandCount; ++f)
            table.rules.push_back(
                {S::Channel, static_cast<C>(p), static_cast<C>(f), 1, "command bus"});
    return table;
}

}  // namespace accelvp::dram
