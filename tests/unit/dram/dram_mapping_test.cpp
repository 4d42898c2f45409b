// Address mapping: decoding examples, channel interleaving, round trips and errors.
#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>

#include "ip/dram/address_mapping.h"
#include "ip/dram/dram_spec.h"

using namespace accelvp::dram;

namespace {

Organisation ddr4() {
    return DramSpec::load(std::string(ACCELVP_SOURCE_DIR) + "/platform/presets/dram/ddr4-3200.json")
        .org;
}

void expect_refused(const std::string& mapping, const Organisation& org, const std::string& what) {
    try {
        AddressMapping m(mapping, org);
        ADD_FAILURE() << mapping << " accepted";
    } catch (const DramConfigError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("'" + mapping + "'"), std::string::npos) << msg;
        EXPECT_NE(msg.find(what), std::string::npos) << msg;
    }
}

TEST(DramMapping, DefaultMappingDecodesBitFields) {
    // DDR4 x64: 6 offset bits, bg 2 (bits 6-7), co 7 (8-14), ba 2 (15-16), ro 16 (17-32).
    const AddressMapping m(AddressMapping::kDefault, ddr4());
    EXPECT_EQ(m.capacity_bytes(), uint64_t{8} << 30);
    EXPECT_EQ(m.offset_bits(), 6u);
    DramAddress a = m.decode(0x3f);
    EXPECT_EQ(a.bank_group, 0u);
    EXPECT_EQ(a.column, 0u);
    a = m.decode(64);
    EXPECT_EQ(a.bank_group, 1u);
    EXPECT_EQ(a.column, 0u);
    a = m.decode(uint64_t{1} << 8);
    EXPECT_EQ(a.column, 8u);  // the second burst of the row: beats 8..15
    EXPECT_EQ(a.bank_group, 0u);
    a = m.decode(uint64_t{3} << 15);
    EXPECT_EQ(a.bank, 3u);
    EXPECT_EQ(a.row, 0u);
    a = m.decode((uint64_t{0x1234} << 17) | (uint64_t{2} << 6) | (uint64_t{5} << 8));
    EXPECT_EQ(a.row, 0x1234u);
    EXPECT_EQ(a.bank_group, 2u);
    EXPECT_EQ(a.column, 40u);
    EXPECT_EQ(a.bank, 0u);
}

TEST(DramMapping, FieldOrderIsConfigurable) {
    const AddressMapping m("ro-ra-bg-ba-co-ch", ddr4());
    EXPECT_EQ(m.decode(64).column, 8u);  // consecutive bursts stay in one row
    EXPECT_EQ(m.decode(uint64_t{1} << 13).bank, 1u);
    EXPECT_EQ(m.decode(uint64_t{1} << 15).bank_group, 1u);
    EXPECT_EQ(m.decode(uint64_t{1} << 17).row, 1u);
}

TEST(DramMapping, ChannelInterleaving) {
    Organisation org = ddr4();
    org.channels = 4;
    const AddressMapping fine("ro-ra-ba-co-bg-ch", org);
    EXPECT_EQ(fine.capacity_bytes(), uint64_t{32} << 30);
    for (uint64_t i = 0; i < 8; ++i) EXPECT_EQ(fine.decode(i * 64).channel, i % 4);
    const AddressMapping coarse("ch-ro-ra-ba-co-bg", org);
    EXPECT_EQ(coarse.decode(0).channel, 0u);
    EXPECT_EQ(coarse.decode(uint64_t{8} << 30).channel, 1u);
    EXPECT_EQ(coarse.decode((uint64_t{8} << 30) - 64).channel, 0u);
}

TEST(DramMapping, EncodeIsTheInverseOfDecode) {
    Organisation org = ddr4();
    org.channels = 2;
    org.ranks = 2;
    for (const char* text : {"ro-ra-ba-co-bg-ch", "ch-ra-bg-ba-ro-co", "co-ro-ch-ba-bg-ra"}) {
        const AddressMapping m(text, org);
        std::mt19937_64 rng(7);
        for (int i = 0; i < 1000; ++i) {
            const uint64_t address = rng() % m.capacity_bytes() & ~uint64_t{63};
            EXPECT_EQ(m.encode(m.decode(address)), address) << text;
        }
    }
}

TEST(DramMapping, ZeroWidthFieldsMayBeLeftOut) {
    const AddressMapping m("ro-ba-co-bg", ddr4());  // one rank, one channel
    EXPECT_EQ(m.capacity_bytes(), uint64_t{8} << 30);
}

TEST(DramMapping, FieldTwiceIsRefused) {
    expect_refused("ro-ra-ba-ba-co-bg", ddr4(), "field 'ba' appears twice");
}

TEST(DramMapping, UnknownFieldIsRefused) {
    expect_refused("ro-ra-ba-co-bg-xx", ddr4(), "unknown field 'xx'");
    expect_refused("ro--ba-co-bg", ddr4(), "unknown field ''");
}

TEST(DramMapping, MappingThatDoesNotCoverTheCapacityIsRefused) {
    expect_refused("ro-ba-co", ddr4(), "does not cover the capacity");
    expect_refused("ro-ba-co", ddr4(), "'bg'");
    Organisation org = ddr4();
    org.channels = 2;
    expect_refused("ro-ba-co-bg", org, "field 'ch' (1 bits) is missing");
}

TEST(DramMapping, AddressBeyondTheCapacityIsRefused) {
    const AddressMapping m(AddressMapping::kDefault, ddr4());
    EXPECT_NO_THROW(m.decode((uint64_t{8} << 30) - 1));
    EXPECT_THROW(m.decode(uint64_t{8} << 30), std::out_of_range);
}

}  // namespace
