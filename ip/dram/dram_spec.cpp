#include "ip/dram/dram_spec.h"

#include <fmt/format.h>

#include <fstream>
#include <functional>
#include <map>
#include <set>

namespace accelvp::dram {
namespace {

using nlohmann::json;

// Reads the members of one JSON object section into fields, refusing unknown and missing
// members. `section` is the object's name in messages ("timing").
class SectionReader {
public:
    SectionReader(const json& root, const std::string& section, const std::string& where)
        : where_(where), section_(section) {
        if (!root.contains(section)) fail(section, "is missing");
        obj_ = &root.at(section);
        if (!obj_->is_object()) fail(section, "must be an object");
    }

    void u32(const char* key, uint32_t& out) {
        out = static_cast<uint32_t>(integer(key, 0xffffffffu));
    }
    void u64(const char* key, uint64_t& out) { out = integer(key, UINT64_MAX); }
    void real(const char* key, double& out) {
        const json& v = member(key);
        if (!v.is_number()) fail(path(key), "must be a number");
        out = v.get<double>();
        if (!(out >= 0)) fail(path(key), "must not be negative");
    }

    // After all fields are read: any member not read is unknown.
    void finish() const {
        for (const auto& item : obj_->items())
            if (!read_.count(item.key()))
                fail(path(item.key().c_str()), "is not a known field (see docs/dram.md)");
    }

private:
    uint64_t integer(const char* key, uint64_t max) {
        const json& v = member(key);
        if (v.is_number_integer() && v.get<int64_t>() <= 0 && !v.is_number_unsigned())
            fail(path(key), fmt::format("must be positive, got {}", v.get<int64_t>()));
        if (!v.is_number_unsigned()) fail(path(key), "must be a positive integer");
        uint64_t value = v.get<uint64_t>();
        if (value == 0) fail(path(key), "must be positive, got 0");
        if (value > max) fail(path(key), fmt::format("is too large ({})", value));
        return value;
    }

    const json& member(const char* key) {
        read_.insert(key);
        if (!obj_->contains(key)) fail(path(key), "is missing");
        return obj_->at(key);
    }

    std::string path(const char* key) const { return section_ + "." + key; }

    [[noreturn]] void fail(const std::string& field, const std::string& what) const {
        throw DramConfigError(fmt::format("DRAM preset {}: field '{}' {}", where_, field, what));
    }

    std::string where_, section_;
    const json* obj_ = nullptr;
    std::set<std::string> read_;
};

bool is_power_of_two(uint64_t v) {
    return v != 0 && (v & (v - 1)) == 0;
}

}  // namespace

DramSpec DramSpec::from_json(const json& preset, const std::string& where) {
    auto fail = [&](const std::string& field, const std::string& what) {
        throw DramConfigError(fmt::format("DRAM preset {}: field '{}' {}", where, field, what));
    };
    if (!preset.is_object())
        throw DramConfigError(fmt::format("DRAM preset {}: must be a JSON object", where));
    static const std::set<std::string> top = {"name",         "source", "notes",
                                              "organisation", "timing", "power"};
    for (const auto& item : preset.items())
        if (!top.count(item.key())) fail(item.key(), "is not a known field (see docs/dram.md)");

    DramSpec spec;
    for (const char* key : {"name", "source"}) {
        if (!preset.contains(key)) fail(key, "is missing");
        if (!preset.at(key).is_string()) fail(key, "must be a string");
    }
    spec.name = preset.at("name").get<std::string>();
    spec.source = preset.at("source").get<std::string>();

    SectionReader org(preset, "organisation", where);
    Organisation& o = spec.org;
    org.u32("channels", o.channels);
    org.u32("ranks", o.ranks);
    org.u32("bank_groups", o.bank_groups);
    org.u32("banks_per_group", o.banks_per_group);
    org.u32("rows", o.rows);
    org.u32("columns", o.columns);
    org.u32("device_width_bits", o.device_width_bits);
    org.u32("devices_per_rank", o.devices_per_rank);
    org.u32("data_bus_bytes", o.data_bus_bytes);
    org.u32("burst_length", o.burst_length);
    org.finish();

    SectionReader tim(preset, "timing", where);
    Timing& t = spec.timing;
    tim.u64("tCK_ps", t.tCK_ps);
    tim.u32("CL", t.CL);
    tim.u32("CWL", t.CWL);
    tim.u32("tRCD", t.tRCD);
    tim.u32("tRP", t.tRP);
    tim.u32("tRAS", t.tRAS);
    tim.u32("tRC", t.tRC);
    tim.u32("tWR", t.tWR);
    tim.u32("tRTP", t.tRTP);
    tim.u32("tCCD_S", t.tCCD_S);
    tim.u32("tCCD_L", t.tCCD_L);
    tim.u32("tRRD_S", t.tRRD_S);
    tim.u32("tRRD_L", t.tRRD_L);
    tim.u32("tFAW", t.tFAW);
    tim.u32("tWTR_S", t.tWTR_S);
    tim.u32("tWTR_L", t.tWTR_L);
    tim.u32("tRFC", t.tRFC);
    tim.u32("tREFI", t.tREFI);
    tim.finish();

    SectionReader pow(preset, "power", where);
    Power& p = spec.power;
    pow.real("VDD", p.VDD);
    pow.real("IDD0", p.IDD0);
    pow.real("IDD2N", p.IDD2N);
    pow.real("IDD3N", p.IDD3N);
    pow.real("IDD4R", p.IDD4R);
    pow.real("IDD4W", p.IDD4W);
    pow.real("IDD5B", p.IDD5B);
    pow.finish();

    spec.validate(where);
    return spec;
}

DramSpec DramSpec::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw DramConfigError(fmt::format("DRAM preset {}: cannot open the file", path));
    json preset;
    try {
        preset = json::parse(in);
    } catch (const json::parse_error& e) {
        throw DramConfigError(fmt::format("DRAM preset {}: not valid JSON: {}", path, e.what()));
    }
    return from_json(preset, path);
}

void DramSpec::validate(const std::string& where) const {
    auto fail = [&](const std::string& field, const std::string& what) {
        throw DramConfigError(fmt::format("DRAM preset {}: field '{}' {}", where, field, what));
    };
    const Organisation& o = org;
    const std::pair<const char*, uint64_t> counts[] = {
        {"organisation.channels", o.channels},
        {"organisation.ranks", o.ranks},
        {"organisation.bank_groups", o.bank_groups},
        {"organisation.banks_per_group", o.banks_per_group},
        {"organisation.rows", o.rows},
        {"organisation.columns", o.columns},
        {"organisation.burst_length", o.burst_length},
        {"organisation.data_bus_bytes", o.data_bus_bytes}};
    for (const auto& [field, value] : counts)
        if (!is_power_of_two(value))
            fail(field, fmt::format("must be a power of two (the address mapping is made of bit "
                                    "fields), got {}",
                                    value));
    if (o.burst_length < 2)
        fail("organisation.burst_length", "must be at least 2 (double data rate)");
    if (o.columns < o.burst_length)
        fail("organisation.columns",
             fmt::format("({}) must be at least burst_length ({})", o.columns, o.burst_length));
    if (uint64_t{o.devices_per_rank} * o.device_width_bits != uint64_t{o.data_bus_bytes} * 8)
        fail("organisation.devices_per_rank",
             fmt::format("× device_width_bits ({} × {}) must equal the data bus width {} bits",
                         o.devices_per_rank, o.device_width_bits, o.data_bus_bytes * 8));

    const Timing& t = timing;
    const std::pair<const char*, uint64_t> positive[] = {
        {"tCK_ps", t.tCK_ps}, {"CL", t.CL},         {"CWL", t.CWL},       {"tRCD", t.tRCD},
        {"tRP", t.tRP},       {"tRAS", t.tRAS},     {"tRC", t.tRC},       {"tWR", t.tWR},
        {"tRTP", t.tRTP},     {"tCCD_S", t.tCCD_S}, {"tCCD_L", t.tCCD_L}, {"tRRD_S", t.tRRD_S},
        {"tRRD_L", t.tRRD_L}, {"tFAW", t.tFAW},     {"tWTR_S", t.tWTR_S}, {"tWTR_L", t.tWTR_L},
        {"tRFC", t.tRFC},     {"tREFI", t.tREFI}};
    for (const auto& [field, value] : positive)
        if (value == 0) fail(std::string("timing.") + field, "must be positive, got 0");

    // Each rule: the field it blames, whether it holds, and what it demands.
    struct Rule {
        const char* field;
        bool holds;
        std::string demand;
    };
    const Rule rules[] = {
        {"timing.tRAS", t.tRAS >= t.tRCD,
         fmt::format("tRAS ({}) must be at least tRCD ({})", t.tRAS, t.tRCD)},
        {"timing.tRC", t.tRC >= t.tRAS + t.tRP,
         fmt::format("tRC ({}) must be at least tRAS + tRP ({} + {})", t.tRC, t.tRAS, t.tRP)},
        {"timing.tCCD_L", t.tCCD_L >= t.tCCD_S,
         fmt::format("tCCD_L ({}) must be at least tCCD_S ({})", t.tCCD_L, t.tCCD_S)},
        {"timing.tRRD_L", t.tRRD_L >= t.tRRD_S,
         fmt::format("tRRD_L ({}) must be at least tRRD_S ({})", t.tRRD_L, t.tRRD_S)},
        {"timing.tWTR_L", t.tWTR_L >= t.tWTR_S,
         fmt::format("tWTR_L ({}) must be at least tWTR_S ({})", t.tWTR_L, t.tWTR_S)},
        {"timing.tCCD_S", t.tCCD_S >= burst_cycles(),
         fmt::format("tCCD_S ({}) must be at least the burst's {} cycles (burst_length / 2)",
                     t.tCCD_S, burst_cycles())},
        {"timing.tFAW", t.tFAW >= t.tRRD_S,
         fmt::format("tFAW ({}) must be at least tRRD_S ({})", t.tFAW, t.tRRD_S)},
        {"timing.tREFI", t.tREFI > t.tRFC,
         fmt::format("tREFI ({}) must be greater than tRFC ({})", t.tREFI, t.tRFC)},
    };
    for (const Rule& rule : rules)
        if (!rule.holds) fail(rule.field, "is inconsistent: " + rule.demand);

    const Power& p = power;
    if (!(p.VDD > 0)) fail("power.VDD", "must be positive");
    const Rule currents[] = {
        {"power.IDD3N", p.IDD3N >= p.IDD2N, "IDD3N must be at least IDD2N"},
        {"power.IDD0", p.IDD0 >= p.IDD3N, "IDD0 must be at least IDD3N"},
        {"power.IDD4R", p.IDD4R >= p.IDD3N, "IDD4R must be at least IDD3N"},
        {"power.IDD4W", p.IDD4W >= p.IDD3N, "IDD4W must be at least IDD3N"},
        {"power.IDD5B", p.IDD5B >= p.IDD3N, "IDD5B must be at least IDD3N"},
    };
    for (const Rule& rule : currents)
        if (!rule.holds)
            fail(rule.field, "is inconsistent: " + rule.demand + " (energies would be negative)");
}

}  // namespace accelvp::dram
