// Physical address -> (channel, rank, bank group, bank, row, column), as bit fields. The
// mapping is a string of fields from the most to the least significant, separated by '-':
//   ch (channel), ra (rank), bg (bank group), ba (bank in its group), ro (row), co (column)
// e.g. "ro-ra-ba-co-bg-ch". Each field's width follows from the organisation (log2 of its
// count; co counts bursts, log2(columns / burst_length)); below all fields lie the offset
// bits of one burst (log2(burst bytes)). Where "ch" stands sets the channel interleaving:
// at the bottom, consecutive bursts go to consecutive channels. Fields of width zero (one
// rank, one channel) may be left out. Every error names the mapping and the field.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "ip/dram/dram_spec.h"

namespace accelvp::dram {

struct DramAddress {
    uint32_t channel = 0;
    uint32_t rank = 0;
    uint32_t bank_group = 0;
    uint32_t bank = 0;
    uint32_t row = 0;
    uint32_t column = 0;  // first beat of the burst (a multiple of burst_length)
};

class AddressMapping {
public:
    // Default mapping: bank groups alternate on consecutive bursts (so streams run at tCCD_S),
    // then the columns of a row, then banks, ranks and rows.
    static constexpr const char* kDefault = "ro-ra-ba-co-bg-ch";

    AddressMapping(const std::string& mapping, const Organisation& org);

    // `address` is relative to the start of the memory; it must be below capacity_bytes().
    DramAddress decode(uint64_t address) const;
    // Inline: the characterisation's random stream encodes one address per request.
    uint64_t encode(const DramAddress& a) const {
        auto put = [&](Field f, uint64_t value) {
            return (value & ((uint64_t{1} << fields_[f].width) - 1)) << fields_[f].shift;
        };
        return put(kChannel, a.channel) | put(kRank, a.rank) | put(kBankGroup, a.bank_group) |
               put(kBank, a.bank) | put(kRow, a.row) | put(kColumn, a.column >> column_shift_);
    }

    uint64_t capacity_bytes() const { return uint64_t{1} << total_bits_; }
    unsigned offset_bits() const { return offset_bits_; }
    const std::string& text() const { return text_; }

private:
    enum Field { kChannel, kRank, kBankGroup, kBank, kRow, kColumn, kFieldCount };
    struct BitField {
        unsigned shift = 0;
        unsigned width = 0;
    };

    std::string text_;
    unsigned offset_bits_ = 0;
    unsigned total_bits_ = 0;
    unsigned column_shift_ = 0;  // log2(burst_length): a burst's beats within `column`
    std::array<BitField, kFieldCount> fields_{};
};

}  // namespace accelvp::dram
