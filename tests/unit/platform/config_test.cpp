// Config: the default board as schema, -p assignments, user board files, typed getters.
#include "platform/config.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace accelvp {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string temp_file(const std::string& name, const std::string& content)
{
    const std::string path = ::testing::TempDir() + "accelvp_config_" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
    return path;
}

// The ConfigError message of `f`, or a failure if it does not throw one.
template <typename F>
std::string error_of(F&& f)
{
    try {
        f();
    } catch (const ConfigError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a ConfigError";
    return {};
}

// A board with one key of every type, for what the default board does not have.
Config typed_board()
{
    return Config::from_defaults(json::parse(R"({
        "a": { "name": "core", "ratio": 0.5, "offset": -3, "flag": false, "size": "4Ki",
               "big": 18446744073709551615 }
    })"));
}

TEST(Config, DefaultsAreTheEmbeddedDefaultBoard)
{
    const Config config = Config::defaults();
    std::ifstream in(std::string(ACCELVP_SOURCE_DIR) + "/platform/boards/default.json");
    const Config from_file = Config::from_defaults(json::parse(in));
    EXPECT_EQ(config.resolved(), from_file.resolved());
    EXPECT_EQ(config.get_u64("soc.cpu.quantum_ns"), 1000u);
    EXPECT_EQ(config.get_u64("soc.cpu.clock_hz"), 1000000000u);
    EXPECT_EQ(config.get_u64("sim.trap_loop_limit"), 1000u);
}

TEST(Config, IntegerStringsAreNormalisedToNumbers)
{
    const Config config = Config::defaults();
    EXPECT_EQ(config.get_u64("soc.cpu.reset_pc"), 0x1000u);
    EXPECT_EQ(config.get_u64("soc.dram.base"), 0x80000000u);
    EXPECT_EQ(config.get_u64("soc.clint.size"), 0x10000u);
    const json& dram = config.resolved()["soc"]["dram"];
    EXPECT_TRUE(dram["base"].is_number_unsigned());
    EXPECT_EQ(dram["base"].get<uint64_t>(), 0x80000000u);
    EXPECT_EQ(dram["size"].get<uint64_t>(), 0x10000000u);
}

TEST(Config, HasKnowsValuesAndGroups)
{
    const Config config = Config::defaults();
    EXPECT_TRUE(config.has("soc.cpu.quantum_ns"));
    EXPECT_TRUE(config.has("soc.cpu"));
    EXPECT_TRUE(config.has("soc"));
    EXPECT_FALSE(config.has("soc.cpu.quantum"));
    EXPECT_FALSE(config.has(""));
}

TEST(Config, SetParsesIntegerSyntax)
{
    Config config = Config::defaults();
    const std::pair<const char*, uint64_t> cases[] = {
        {"500", 500},
        {"0x100", 0x100},
        {"0X1F", 0x1f},
        {"1_000_000", 1000000},
        {"0x8000_0000", 0x80000000},
        {"0b1010", 10},
        {"4Ki", 4096},
        {"256Mi", 256ull << 20},
        {"1Gi", 1ull << 30},
        {"2Ti", 2ull << 40},
        {"0x10Ki", 16ull << 10},
        {"+7", 7},
        {"-0", 0},
        {"007", 7},
        {"18446744073709551615", 18446744073709551615ull},
        {"0xffff_ffff_ffff_ffff", 18446744073709551615ull},
    };
    for (const auto& [text, value] : cases) {
        config.set(std::string("soc.cpu.quantum_ns=") + text);
        EXPECT_EQ(config.get_u64("soc.cpu.quantum_ns"), value) << text;
        EXPECT_TRUE(config.resolved()["soc"]["cpu"]["quantum_ns"].is_number_unsigned()) << text;
    }
}

TEST(Config, SetRejectsWhatIsNotAnInteger)
{
    Config config = Config::defaults();
    EXPECT_EQ(error_of([&] { config.set("soc.cpu.quantum_ns=fast"); }),
              "-p soc.cpu.quantum_ns=fast: expected an integer (e.g. 1000, 0x3e8, 4Ki)");
    for (const char* text : {"", "1.5", "1e3", "0x", "0xg", "0b102", "_1", "1_", "4Ki4", "4K",
                             "Ki", " 5", "5 ", "--5", "0x-5"}) {
        EXPECT_THAT(error_of([&] { config.set(std::string("soc.cpu.quantum_ns=") + text); }),
                    HasSubstr("expected an integer"))
            << "'" << text << "'";
    }
    EXPECT_EQ(config.get_u64("soc.cpu.quantum_ns"), 1000u) << "a failed set changes nothing";
}

TEST(Config, SetRejectsIntegersOutOfRange)
{
    Config config = Config::defaults();
    EXPECT_THAT(error_of([&] { config.set("soc.cpu.quantum_ns=-1"); }),
                AllOf(HasSubstr("-p soc.cpu.quantum_ns=-1"), HasSubstr("non-negative")));
    for (const char* text : {"18446744073709551616", "0x1_0000_0000_0000_0000", "16777216Ti",
                             "99999999999999999999999"}) {
        EXPECT_THAT(error_of([&] { config.set(std::string("soc.cpu.quantum_ns=") + text); }),
                    HasSubstr("out of range"))
            << text;
    }
}

TEST(Config, SetUnknownKeySuggestsTheClosestKey)
{
    Config config = Config::defaults();
    EXPECT_EQ(error_of([&] { config.set("soc.cpu.quantm_ns=5"); }),
              "-p soc.cpu.quantm_ns=5: unknown configuration key 'soc.cpu.quantm_ns' (did you "
              "mean 'soc.cpu.quantum_ns'?)");
    EXPECT_THAT(error_of([&] { config.set("soc.quantum_ns=5"); }),
                HasSubstr("did you mean 'soc.cpu.quantum_ns'?"));
    EXPECT_THAT(error_of([&] { config.set("soc.dram.latency=5"); }),
                HasSubstr("did you mean 'soc.dram.latency_ns'?"));
    const std::string far = error_of([&] { config.set("totally.different=5"); });
    EXPECT_THAT(far, AllOf(HasSubstr("unknown configuration key 'totally.different'"),
                           Not(HasSubstr("did you mean")), HasSubstr("default.json")));
}

TEST(Config, SetNeedsKeyEqualsValue)
{
    Config config = Config::defaults();
    EXPECT_THAT(error_of([&] { config.set("soc.cpu.quantum_ns"); }),
                AllOf(HasSubstr("-p soc.cpu.quantum_ns"), HasSubstr("expected KEY=VALUE")));
    EXPECT_THAT(error_of([&] { config.set("=5"); }), HasSubstr("missing the key"));
}

TEST(Config, SetCannotAssignAGroup)
{
    Config config = Config::defaults();
    EXPECT_THAT(error_of([&] { config.set("soc.cpu=5"); }),
                AllOf(HasSubstr("'soc.cpu' is a group of keys"), HasSubstr("soc.cpu.KEY=VALUE")));
}

TEST(Config, SetBool)
{
    Config config = typed_board();
    config.set("a.flag=true");
    EXPECT_TRUE(config.get_bool("a.flag"));
    config.set("a.flag=0");
    EXPECT_FALSE(config.get_bool("a.flag"));
    config.set("a.flag=1");
    EXPECT_TRUE(config.get_bool("a.flag"));
    config.set("a.flag=false");
    EXPECT_FALSE(config.get_bool("a.flag"));
    EXPECT_TRUE(config.resolved()["a"]["flag"].is_boolean());
    for (const char* text : {"yes", "", "True", "2"}) {
        EXPECT_EQ(error_of([&] { config.set(std::string("a.flag=") + text); }),
                  std::string("-p a.flag=") + text + ": expected true or false (or 1 or 0)");
    }
}

TEST(Config, SetFloatStringAndSignedKeys)
{
    Config config = typed_board();
    config.set("a.ratio=0.25");
    EXPECT_DOUBLE_EQ(config.get_double("a.ratio"), 0.25);
    config.set("a.ratio=2");
    EXPECT_DOUBLE_EQ(config.get_double("a.ratio"), 2.0);
    EXPECT_TRUE(config.resolved()["a"]["ratio"].is_number_float());
    config.set("a.ratio=1e-3");
    EXPECT_DOUBLE_EQ(config.get_double("a.ratio"), 1e-3);
    config.set("a.ratio=4Ki");
    EXPECT_DOUBLE_EQ(config.get_double("a.ratio"), 4096.0);
    for (const char* text : {"abc", "", "inf", "nan", "1e999"}) {
        EXPECT_THAT(error_of([&] { config.set(std::string("a.ratio=") + text); }),
                    HasSubstr("expected a number"))
            << text;
    }

    config.set("a.name=0x10");
    EXPECT_EQ(config.get_string("a.name"), "0x10") << "a string key keeps the text";
    config.set("a.name=");
    EXPECT_EQ(config.get_string("a.name"), "");
    config.set("a.name=x=y");
    EXPECT_EQ(config.get_string("a.name"), "x=y") << "the first '=' separates key and value";

    EXPECT_EQ(config.get_i64("a.offset"), -3);
    config.set("a.offset=-0x10");
    EXPECT_EQ(config.get_i64("a.offset"), -16);
    config.set("a.offset=-9223372036854775808");
    EXPECT_EQ(config.get_i64("a.offset"), INT64_MIN);
    EXPECT_THAT(error_of([&] { config.set("a.offset=9223372036854775808"); }),
                HasSubstr("out of range"));
    EXPECT_THAT(error_of([&] { config.set("a.offset=-9223372036854775809"); }),
                HasSubstr("out of range"));
    EXPECT_EQ(config.get_u64("a.size"), 4096u);
}

TEST(Config, GettersCheckTheKeyAndItsType)
{
    Config config = typed_board();
    EXPECT_THAT(error_of([&] { config.get_u64("a.sise"); }),
                AllOf(HasSubstr("unknown configuration key 'a.sise'"),
                      HasSubstr("did you mean 'a.size'?")));
    EXPECT_THAT(error_of([&] { config.get_u64("a"); }),
                HasSubstr("configuration key 'a' is a group of keys"));
    EXPECT_THAT(error_of([&] { config.get_string("a.size"); }),
                AllOf(HasSubstr("'a.size'"), HasSubstr("not a string")));
    EXPECT_THAT(error_of([&] { config.get_u64("a.name"); }),
                AllOf(HasSubstr("'a.name'"), HasSubstr("not an integer")));
    EXPECT_THAT(error_of([&] { config.get_i64("a.flag"); }), HasSubstr("not an integer"));
    EXPECT_THAT(error_of([&] { config.get_double("a.size"); }), HasSubstr("not a float"));
    EXPECT_THAT(error_of([&] { config.get_bool("a.ratio"); }), HasSubstr("not a bool"));
    EXPECT_THAT(error_of([&] { config.get_u64("a.offset"); }),
                AllOf(HasSubstr("'a.offset' is -3"), HasSubstr("non-negative")));
    EXPECT_THAT(error_of([&] { config.get_i64("a.big"); }),
                AllOf(HasSubstr("'a.big'"), HasSubstr("signed 64-bit")));
    EXPECT_EQ(config.get_u64("a.big"), 18446744073709551615ull);
    EXPECT_EQ(config.get_i64("a.size"), 4096);
    config.set("a.offset=5");
    EXPECT_EQ(config.get_u64("a.offset"), 5u);
}

TEST(Config, DefaultsMustBeUsableAsASchema)
{
    EXPECT_THAT(error_of([] { Config::from_defaults(json::parse(R"({"a": null})")); }),
                HasSubstr("default board: key 'a'"));
    EXPECT_THAT(error_of([] { Config::from_defaults(json::parse(R"({"a": {"b": [1]}})")); }),
                HasSubstr("key 'a.b'"));
    EXPECT_THAT(error_of([] { Config::from_defaults(json::parse(R"({"a.b": 1})")); }),
                HasSubstr("without dots"));
    EXPECT_THAT(error_of([] { Config::from_defaults(json::parse("[1]")); }),
                HasSubstr("expected a JSON object"));
}

TEST(Config, MergeFileOverridesKeys)
{
    Config config = Config::defaults();
    const std::string path = temp_file("merge.json", R"({
        "soc": {
            "cpu": { "quantum_ns": 500, "reset_pc": "0x8000_0000" },
            "dram": { "size": "512Mi", "latency_ns": "0x20" }
        },
        "sim.trap_loop_limit": 7
    })");
    config.merge_file(path);
    EXPECT_EQ(config.get_u64("soc.cpu.quantum_ns"), 500u);
    EXPECT_EQ(config.get_u64("soc.cpu.reset_pc"), 0x80000000u);
    EXPECT_EQ(config.get_u64("soc.dram.size"), 512u << 20);
    EXPECT_EQ(config.get_u64("soc.dram.latency_ns"), 0x20u);
    EXPECT_EQ(config.get_u64("sim.trap_loop_limit"), 7u) << "dotted names are accepted";
    EXPECT_EQ(config.get_u64("soc.cpu.clock_hz"), 1000000000u) << "other keys keep defaults";
    EXPECT_TRUE(config.resolved()["soc"]["dram"]["size"].is_number_unsigned());
    EXPECT_FALSE(config.resolved().contains("sim.trap_loop_limit"));

    // -p applies after the file.
    config.set("soc.cpu.quantum_ns=250");
    EXPECT_EQ(config.get_u64("soc.cpu.quantum_ns"), 250u);
}

TEST(Config, MergeFileThatDoesNotExistOrIsADirectory)
{
    Config config = Config::defaults();
    const std::string missing = ::testing::TempDir() + "accelvp_config_no_such_board.json";
    EXPECT_EQ(error_of([&] { config.merge_file(missing); }), missing + ": no such file");
    EXPECT_THAT(error_of([&] { config.merge_file(::testing::TempDir()); }),
                HasSubstr("is a directory"));
}

TEST(Config, MergeFileThatIsNotJsonReportsLineAndColumn)
{
    Config config = Config::defaults();
    const std::string path = temp_file("broken.json", "{\n  \"soc\": {\n    \"cpu\" 5\n  }\n}\n");
    EXPECT_THAT(error_of([&] { config.merge_file(path); }),
                AllOf(HasSubstr(path + ": not valid JSON"), HasSubstr("line 3"),
                      HasSubstr("column")));
    const std::string empty = temp_file("empty.json", "");
    EXPECT_THAT(error_of([&] { config.merge_file(empty); }),
                AllOf(HasSubstr(empty + ": not valid JSON"), HasSubstr("line 1")));
    const std::string array = temp_file("array.json", "[1, 2]");
    EXPECT_THAT(error_of([&] { config.merge_file(array); }),
                AllOf(HasSubstr(array), HasSubstr("expected a JSON object at the top level")));
}

TEST(Config, MergeFileNamesFileAndKeyOfABadValue)
{
    Config config = Config::defaults();
    auto merge = [&](const std::string& name, const std::string& text) {
        const std::string path = temp_file(name, text);
        return std::make_pair(path, error_of([&] { config.merge_file(path); }));
    };

    auto [unknown, unknown_error] = merge("unknown.json", R"({"soc": {"cpu": {"quantm_ns": 5}}})");
    EXPECT_EQ(unknown_error, unknown + ": unknown configuration key 'soc.cpu.quantm_ns' (did you "
                                       "mean 'soc.cpu.quantum_ns'?)");

    auto [typed, typed_error] = merge("typed.json", R"({"soc": {"cpu": {"quantum_ns": "fast"}}})");
    EXPECT_EQ(typed_error, typed + ": key 'soc.cpu.quantum_ns': expected an integer (e.g. 1000, "
                                   "0x3e8, 4Ki), got \"fast\"");

    EXPECT_THAT(merge("float.json", R"({"soc": {"cpu": {"quantum_ns": 1.5}}})").second,
                AllOf(HasSubstr("'soc.cpu.quantum_ns'"), HasSubstr("expected an integer"),
                      HasSubstr("got 1.5")));
    EXPECT_THAT(merge("negative.json", R"({"soc": {"cpu": {"quantum_ns": -5}}})").second,
                AllOf(HasSubstr("'soc.cpu.quantum_ns'"), HasSubstr("non-negative")));
    EXPECT_THAT(merge("huge.json", R"({"soc": {"cpu": {"quantum_ns": 18446744073709551616}}})")
                    .second,
                AllOf(HasSubstr("'soc.cpu.quantum_ns'"), HasSubstr("out of range")));
    EXPECT_THAT(merge("null.json", R"({"soc": {"cpu": {"quantum_ns": null}}})").second,
                AllOf(HasSubstr("expected an integer"), HasSubstr("got null")));
    EXPECT_THAT(merge("object.json", R"({"soc": {"cpu": {"quantum_ns": {"a": 1}}}})").second,
                HasSubstr("expected an integer"));
    EXPECT_THAT(merge("group.json", R"({"soc": {"cpu": 5}})").second,
                AllOf(HasSubstr("key 'soc.cpu' is a group of keys"), HasSubstr("got 5")));
}

TEST(Config, MergeFileAcceptsTheTypesOfTheSchema)
{
    Config config = typed_board();
    const std::string good = temp_file("typed_good.json", R"({"a": {
        "name": "fast", "ratio": 3, "offset": -40, "flag": true, "size": 64, "big": "1Gi"}})");
    config.merge_file(good);
    EXPECT_EQ(config.get_string("a.name"), "fast");
    EXPECT_DOUBLE_EQ(config.get_double("a.ratio"), 3.0);
    EXPECT_EQ(config.get_i64("a.offset"), -40);
    EXPECT_TRUE(config.get_bool("a.flag"));
    EXPECT_EQ(config.get_u64("a.size"), 64u);
    EXPECT_EQ(config.get_u64("a.big"), 1u << 30);

    const std::string bad = temp_file("typed_bad.json", R"({"a": {"name": 5}})");
    EXPECT_THAT(error_of([&] { config.merge_file(bad); }),
                AllOf(HasSubstr(bad), HasSubstr("'a.name'"), HasSubstr("expected a string")));
    const std::string bad_float = temp_file("typed_bad_float.json", R"({"a": {"ratio": true}})");
    EXPECT_THAT(error_of([&] { config.merge_file(bad_float); }),
                AllOf(HasSubstr("'a.ratio'"), HasSubstr("expected a number")));
    const std::string bad_bool = temp_file("typed_bad_bool.json", R"({"a": {"flag": 2}})");
    EXPECT_THAT(error_of([&] { config.merge_file(bad_bool); }),
                AllOf(HasSubstr("'a.flag'"), HasSubstr("expected true or false"),
                      HasSubstr("got 2")));
    const std::string text_bool = temp_file("typed_text_bool.json", R"({"a": {"flag": "0"}})");
    config.merge_file(text_bool);
    EXPECT_FALSE(config.get_bool("a.flag")) << "strings in a file parse as on the command line";
}

TEST(Config, MergeFileIsAllOrNothing)
{
    Config config = Config::defaults();
    const std::string path = temp_file("partial.json", R"({"soc": {
        "bus": {"request_cycles": 9}, "cpu": {"quantum_ns": "fast"}}})");
    EXPECT_THROW(config.merge_file(path), ConfigError);
    EXPECT_EQ(config.get_u64("soc.bus.request_cycles"), 1u);
}

TEST(Config, WriteProducesThePrettyPrintedResolvedConfig)
{
    Config config = Config::defaults();
    config.set("soc.cpu.quantum_ns=0x100");
    const std::string path = ::testing::TempDir() + "accelvp_config_resolved.json";
    config.write(path);
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(json::parse(text), config.resolved());
    EXPECT_THAT(text, HasSubstr("\n  \"soc\": {\n"));
    EXPECT_THAT(text, HasSubstr("\"quantum_ns\": 256"));
    EXPECT_THAT(text, HasSubstr("\"base\": 2147483648"));
    EXPECT_THAT(text, Not(HasSubstr("0x")));

    // The written file is itself a valid user board.
    Config again = Config::defaults();
    again.merge_file(path);
    EXPECT_EQ(again.resolved(), config.resolved());

    const std::string unwritable = ::testing::TempDir() + "no_such_dir/config.json";
    EXPECT_THAT(error_of([&] { config.write(unwritable); }),
                AllOf(HasSubstr(unwritable), HasSubstr("cannot write")));
}

}  // namespace
}  // namespace accelvp
