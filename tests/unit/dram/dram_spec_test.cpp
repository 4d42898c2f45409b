// DRAM presets: both load with the reference values, and every inconsistency is refused
// with a message naming the file and the field.
#include "ip/dram/dram_spec.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

using namespace accelvp::dram;
using nlohmann::json;

namespace {

std::string preset_path(const std::string& name) {
    return std::string(ACCELVP_SOURCE_DIR) + "/platform/presets/dram/" + name + ".json";
}

json preset_json(const std::string& name) {
    std::ifstream in(preset_path(name));
    return json::parse(in);
}

// Expects from_json to refuse `j` with a message naming the file and `field`.
void expect_refused(const json& j, const std::string& field, const std::string& also = "") {
    try {
        DramSpec::from_json(j, "ddr4-3200.json");
        ADD_FAILURE() << "accepted; expected an error about " << field;
    } catch (const DramConfigError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("ddr4-3200.json"), std::string::npos) << what;
        EXPECT_NE(what.find("'" + field + "'"), std::string::npos) << what;
        EXPECT_NE(what.find(also), std::string::npos) << what;
    }
}

TEST(DramSpec, Ddr4PresetHasTheReferenceValues) {
    const DramSpec s = DramSpec::load(preset_path("ddr4-3200"));
    EXPECT_EQ(s.timing.tCK_ps, 625u);
    EXPECT_EQ(s.timing.CL, 22u);
    EXPECT_EQ(s.timing.tRCD, 22u);
    EXPECT_EQ(s.timing.tRP, 22u);
    EXPECT_EQ(s.timing.tRAS, 52u);
    EXPECT_EQ(s.timing.tRC, 74u);
    EXPECT_EQ(s.timing.tCCD_S, 4u);
    EXPECT_EQ(s.timing.tCCD_L, 8u);
    EXPECT_EQ(s.timing.tRRD_S, 4u);
    EXPECT_EQ(s.timing.tRRD_L, 8u);
    EXPECT_EQ(s.timing.tFAW, 34u);
    EXPECT_EQ(s.timing.tWR, 24u);
    EXPECT_EQ(s.timing.tRFC, 576u);
    EXPECT_EQ(s.timing.tREFI, 12480u);
    EXPECT_EQ(s.org.burst_bytes(), 64u);
    EXPECT_EQ(s.org.channel_bytes(), uint64_t{8} << 30);  // 8 devices × 8 Gb
    EXPECT_DOUBLE_EQ(s.peak_bytes_per_second(), 25.6e9);
    EXPECT_FALSE(s.source.empty());
}

TEST(DramSpec, Hbm2PresetHasTheReferenceValues) {
    const DramSpec s = DramSpec::load(preset_path("hbm2"));
    EXPECT_EQ(s.timing.tCK_ps, 1000u);
    EXPECT_EQ(s.timing.CL, 17u);
    EXPECT_EQ(s.timing.tRCD, 12u);
    EXPECT_EQ(s.timing.tRP, 14u);
    EXPECT_EQ(s.timing.tRAS, 28u);
    EXPECT_EQ(s.timing.tRC, 42u);
    EXPECT_EQ(s.timing.tCCD_S, 2u);
    EXPECT_EQ(s.timing.tCCD_L, 3u);
    EXPECT_EQ(s.timing.tRRD_S, 4u);
    EXPECT_EQ(s.timing.tRRD_L, 6u);
    EXPECT_EQ(s.timing.tFAW, 16u);
    EXPECT_EQ(s.timing.tWR, 14u);
    EXPECT_EQ(s.timing.tRFC, 220u);
    EXPECT_EQ(s.timing.tREFI, 3900u);
    EXPECT_EQ(s.org.burst_length, 4u);
    EXPECT_EQ(s.org.burst_bytes(), 32u);
    EXPECT_DOUBLE_EQ(s.peak_bytes_per_second(), 16e9);
}

struct Inconsistency {
    const char* name;
    const char* section;
    const char* key;
    int64_t value;
    const char* field;  // the field the message must name
};

const Inconsistency kInconsistencies[] = {
    {"tRC_below_tRAS_plus_tRP", "timing", "tRC", 73, "timing.tRC"},
    {"tRAS_below_tRCD", "timing", "tRAS", 21, "timing.tRAS"},
    {"tCCD_L_below_tCCD_S", "timing", "tCCD_L", 3, "timing.tCCD_L"},
    {"tRRD_L_below_tRRD_S", "timing", "tRRD_L", 3, "timing.tRRD_L"},
    {"tWTR_L_below_tWTR_S", "timing", "tWTR_L", 3, "timing.tWTR_L"},
    {"tREFI_equal_to_tRFC", "timing", "tREFI", 576, "timing.tREFI"},
    {"tREFI_below_tRFC", "timing", "tREFI", 500, "timing.tREFI"},
    {"tCCD_S_below_the_burst", "timing", "tCCD_S", 3, "timing.tCCD_S"},
    {"tFAW_below_tRRD_S", "timing", "tFAW", 3, "timing.tFAW"},
    {"zero_tRP", "timing", "tRP", 0, "timing.tRP"},
    {"negative_CL", "timing", "CL", -1, "timing.CL"},
    {"zero_tCK", "timing", "tCK_ps", 0, "timing.tCK_ps"},
    {"rows_not_a_power_of_two", "organisation", "rows", 65535, "organisation.rows"},
    {"zero_banks", "organisation", "banks_per_group", 0, "organisation.banks_per_group"},
    {"devices_do_not_fill_the_bus", "organisation", "devices_per_rank", 4,
     "organisation.devices_per_rank"},
    {"burst_of_one_beat", "organisation", "burst_length", 1, "organisation.burst_length"},
    {"IDD3N_below_IDD2N", "power", "IDD3N", 30, "power.IDD3N"},
    {"IDD4R_below_IDD3N", "power", "IDD4R", 40, "power.IDD4R"},
    {"negative_current", "power", "IDD5B", -5, "power.IDD5B"},
};

class DramSpecInconsistent : public ::testing::TestWithParam<Inconsistency> {};

TEST_P(DramSpecInconsistent, IsRefusedNamingTheField) {
    const Inconsistency& c = GetParam();
    json j = preset_json("ddr4-3200");
    j[c.section][c.key] = c.value;
    expect_refused(j, c.field);
}

INSTANTIATE_TEST_SUITE_P(Ddr4_3200, DramSpecInconsistent, ::testing::ValuesIn(kInconsistencies),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DramSpec, MissingFieldIsRefused) {
    json j = preset_json("ddr4-3200");
    j["timing"].erase("tWTR_L");
    expect_refused(j, "timing.tWTR_L", "missing");
}

TEST(DramSpec, UnknownFieldIsRefused) {
    json j = preset_json("ddr4-3200");
    j["timing"]["tRCDWR"] = 10;
    expect_refused(j, "timing.tRCDWR", "not a known field");
    json k = preset_json("ddr4-3200");
    k["speed"] = 3200;
    expect_refused(k, "speed", "not a known field");
}

TEST(DramSpec, MissingSectionIsRefused) {
    json j = preset_json("ddr4-3200");
    j.erase("power");
    expect_refused(j, "power", "missing");
}

TEST(DramSpec, IllTypedFieldIsRefused) {
    json j = preset_json("ddr4-3200");
    j["timing"]["CL"] = "22";
    expect_refused(j, "timing.CL", "integer");
    json k = preset_json("ddr4-3200");
    k["timing"]["CL"] = 22.5;
    expect_refused(k, "timing.CL", "integer");
}

TEST(DramSpec, UnreadableFilesAreNamed) {
    const std::string missing = "/nonexistent/ddr9.json";
    try {
        DramSpec::load(missing);
        ADD_FAILURE();
    } catch (const DramConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(missing), std::string::npos);
    }
    const std::string bad = testing::TempDir() + "dram_bad_preset.json";
    std::ofstream(bad) << "{ \"name\": ";
    try {
        DramSpec::load(bad);
        ADD_FAILURE();
    } catch (const DramConfigError& e) {
        EXPECT_NE(std::string(e.what()).find(bad), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("JSON"), std::string::npos);
    }
    std::remove(bad.c_str());
}

}  // namespace
