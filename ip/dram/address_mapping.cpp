#include "ip/dram/address_mapping.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

namespace accelvp::dram {
namespace {

unsigned log2_exact(uint64_t v) {
    unsigned bits = 0;
    while ((uint64_t{1} << bits) < v) ++bits;
    return bits;
}

}  // namespace

AddressMapping::AddressMapping(const std::string& mapping, const Organisation& org)
    : text_(mapping) {
    static const char* const names[kFieldCount] = {"ch", "ra", "bg", "ba", "ro", "co"};
    const uint64_t counts[kFieldCount] = {org.channels,    org.ranks,
                                          org.bank_groups, org.banks_per_group,
                                          org.rows,        org.columns / org.burst_length};
    auto fail = [&](const std::string& what) {
        throw DramConfigError(fmt::format("DRAM address mapping '{}': {}", mapping, what));
    };
    for (int f = 0; f < kFieldCount; ++f)
        if (counts[f] == 0 || (counts[f] & (counts[f] - 1)) != 0)
            fail(fmt::format("field '{}' has {} values, not a power of two", names[f], counts[f]));

    // Split into tokens, most significant first.
    std::vector<std::string> tokens;
    size_t start = 0;
    while (true) {
        size_t dash = mapping.find('-', start);
        tokens.push_back(mapping.substr(start, dash - start));
        if (dash == std::string::npos) break;
        start = dash + 1;
    }
    std::vector<int> order;
    bool seen[kFieldCount] = {};
    for (const std::string& token : tokens) {
        int field = -1;
        for (int f = 0; f < kFieldCount; ++f)
            if (token == names[f]) field = f;
        if (field < 0)
            fail(fmt::format("unknown field '{}' (known: ch, ra, bg, ba, ro, co)", token));
        if (seen[field]) fail(fmt::format("field '{}' appears twice", token));
        seen[field] = true;
        order.push_back(field);
    }

    offset_bits_ = log2_exact(org.burst_bytes());
    column_shift_ = log2_exact(org.burst_length);
    unsigned needed = offset_bits_;
    for (int f = 0; f < kFieldCount; ++f) needed += log2_exact(counts[f]);
    for (int f = 0; f < kFieldCount; ++f)
        if (!seen[f] && log2_exact(counts[f]) > 0)
            fail(
                fmt::format("does not cover the capacity ({} address bits): field '{}' ({} "
                            "bits) is missing",
                            needed, names[f], log2_exact(counts[f])));

    unsigned shift = offset_bits_;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        fields_[*it] = {shift, log2_exact(counts[*it])};
        shift += fields_[*it].width;
    }
    total_bits_ = shift;
    if (total_bits_ >= 64) fail(fmt::format("needs {} address bits, more than 63", total_bits_));
}

DramAddress AddressMapping::decode(uint64_t address) const {
    if (address >> total_bits_)
        throw std::out_of_range(
            fmt::format("DRAM address 0x{:x} is beyond the capacity 0x{:x} of mapping '{}'",
                        address, capacity_bytes(), text_));
    auto get = [&](Field f) {
        return static_cast<uint32_t>((address >> fields_[f].shift) &
                                     ((uint64_t{1} << fields_[f].width) - 1));
    };
    DramAddress a;
    a.channel = get(kChannel);
    a.rank = get(kRank);
    a.bank_group = get(kBankGroup);
    a.bank = get(kBank);
    a.row = get(kRow);
    a.column = get(kColumn) << column_shift_;
    return a;
}

}  // namespace accelvp::dram
