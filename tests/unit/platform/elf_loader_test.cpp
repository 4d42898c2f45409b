// load_elf and check_segments_fit, on RV32 ELF files that the test writes byte by byte (no
// cross compiler needed), on broken variants of them, and on garbage.
#include "platform/elf_loader.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace accelvp {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using Kind = ElfError::Kind;

struct Segment {
    uint32_t paddr = 0;
    std::vector<uint8_t> data;
    uint32_t memsz = 0;
    uint32_t type = PT_LOAD;
};

struct Symbol {
    std::string name;
    uint32_t value = 0;
    unsigned char bind = STB_GLOBAL;
    unsigned char type = STT_FUNC;
    uint16_t shndx = 1;  // .text
};

struct ElfSpec {
    uint16_t type = ET_EXEC;
    uint16_t machine = EM_RISCV;
    uint32_t entry = 0x80000000;
    std::vector<Segment> segments;
    std::vector<Symbol> symbols;  // none: no section headers at all
};

template <typename T>
void put(std::vector<uint8_t>& out, size_t at, const T& value)
{
    if (out.size() < at + sizeof value) out.resize(at + sizeof value);
    std::memcpy(out.data() + at, &value, sizeof value);
}

void align4(std::vector<uint8_t>& out)
{
    out.resize((out.size() + 3) & ~size_t{3});
}

// Layout: ELF header, program headers, segment data, then (with symbols) .strtab, .symtab,
// .shstrtab and the section header table last, so that every proper prefix of the file cuts
// off something that is needed.
std::vector<uint8_t> build_elf(const ElfSpec& spec)
{
    std::vector<uint8_t> out(sizeof(Elf32_Ehdr) + spec.segments.size() * sizeof(Elf32_Phdr));
    std::vector<uint32_t> offsets;
    for (const auto& segment : spec.segments) {
        align4(out);
        offsets.push_back(static_cast<uint32_t>(out.size()));
        out.insert(out.end(), segment.data.begin(), segment.data.end());
    }
    for (size_t i = 0; i < spec.segments.size(); ++i) {
        const auto& segment = spec.segments[i];
        Elf32_Phdr ph{};
        ph.p_type = segment.type;
        ph.p_offset = offsets[i];
        ph.p_vaddr = ph.p_paddr = segment.paddr;
        ph.p_filesz = static_cast<uint32_t>(segment.data.size());
        ph.p_memsz = segment.memsz;
        ph.p_flags = PF_R | PF_X;
        ph.p_align = 4;
        put(out, sizeof(Elf32_Ehdr) + i * sizeof(Elf32_Phdr), ph);
    }

    Elf32_Ehdr eh{};
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = spec.type;
    eh.e_machine = spec.machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = spec.entry;
    eh.e_phoff = spec.segments.empty() ? 0 : sizeof(Elf32_Ehdr);
    eh.e_ehsize = sizeof(Elf32_Ehdr);
    eh.e_phentsize = sizeof(Elf32_Phdr);
    eh.e_phnum = static_cast<uint16_t>(spec.segments.size());

    if (!spec.symbols.empty()) {
        // .strtab
        const uint32_t strtab_offset = static_cast<uint32_t>(out.size());
        out.push_back(0);
        std::vector<uint32_t> names;
        auto add_name = [&](const std::string& name) {
            names.push_back(static_cast<uint32_t>(out.size() - strtab_offset));
            out.insert(out.end(), name.begin(), name.end());
            out.push_back(0);
        };
        add_name("start.S");
        for (const auto& symbol : spec.symbols) add_name(symbol.name);
        const uint32_t strtab_size = static_cast<uint32_t>(out.size()) - strtab_offset;

        // .symtab: the null symbol, a file symbol, a section symbol, then the spec's.
        align4(out);
        const uint32_t symtab_offset = static_cast<uint32_t>(out.size());
        std::vector<Elf32_Sym> syms(3);
        syms[1].st_name = names[0];
        syms[1].st_info = ELF32_ST_INFO(STB_LOCAL, STT_FILE);
        syms[1].st_shndx = SHN_ABS;
        syms[2].st_info = ELF32_ST_INFO(STB_LOCAL, STT_SECTION);
        syms[2].st_shndx = 1;
        syms[2].st_value = spec.segments.empty() ? 0 : spec.segments[0].paddr;
        for (size_t i = 0; i < spec.symbols.size(); ++i) {
            Elf32_Sym sym{};
            sym.st_name = names[i + 1];
            sym.st_value = spec.symbols[i].value;
            sym.st_info = ELF32_ST_INFO(spec.symbols[i].bind, spec.symbols[i].type);
            sym.st_shndx = spec.symbols[i].shndx;
            syms.push_back(sym);
        }
        for (const auto& sym : syms) put(out, out.size(), sym);
        const uint32_t symtab_size = static_cast<uint32_t>(out.size()) - symtab_offset;

        // .shstrtab
        const uint32_t shstrtab_offset = static_cast<uint32_t>(out.size());
        const std::string shstrtab = std::string("\0.text\0.symtab\0.strtab\0.shstrtab\0", 33);
        out.insert(out.end(), shstrtab.begin(), shstrtab.end());

        align4(out);
        const uint32_t shoff = static_cast<uint32_t>(out.size());
        std::vector<Elf32_Shdr> sh(5);
        sh[1].sh_name = 1;
        sh[1].sh_type = SHT_PROGBITS;
        sh[1].sh_flags = SHF_ALLOC | SHF_EXECINSTR;
        if (!spec.segments.empty()) {
            sh[1].sh_addr = spec.segments[0].paddr;
            sh[1].sh_offset = offsets[0];
            sh[1].sh_size = static_cast<uint32_t>(spec.segments[0].data.size());
        }
        sh[2].sh_name = 7;
        sh[2].sh_type = SHT_SYMTAB;
        sh[2].sh_offset = symtab_offset;
        sh[2].sh_size = symtab_size;
        sh[2].sh_link = 3;
        sh[2].sh_info = 3;  // first non-local symbol
        sh[2].sh_addralign = 4;
        sh[2].sh_entsize = sizeof(Elf32_Sym);
        sh[3].sh_name = 15;
        sh[3].sh_type = SHT_STRTAB;
        sh[3].sh_offset = strtab_offset;
        sh[3].sh_size = strtab_size;
        sh[4].sh_name = 23;
        sh[4].sh_type = SHT_STRTAB;
        sh[4].sh_offset = shstrtab_offset;
        sh[4].sh_size = static_cast<uint32_t>(shstrtab.size());
        for (const auto& s : sh) put(out, out.size(), s);
        eh.e_shoff = shoff;
        eh.e_shentsize = sizeof(Elf32_Shdr);
        eh.e_shnum = 5;
        eh.e_shstrndx = 4;
    }
    put(out, 0, eh);
    return out;
}

// A small program: code at the entry, initialised data and a .bss tail, a few symbols.
ElfSpec program()
{
    ElfSpec spec;
    spec.entry = 0x80000000;
    spec.segments.push_back({0x80000000, {0x97, 0x01, 0x00, 0x00, 0x93, 0x81, 0x01, 0x00}, 8});
    spec.segments.push_back({0x80001000, {1, 2, 3, 4}, 0x100});
    spec.symbols = {{"_start", 0x80000000},
                    {"tohost", 0x80001000, STB_GLOBAL, STT_OBJECT, 1},
                    {"buffer", 0x80001004, STB_LOCAL, STT_OBJECT, 1}};
    return spec;
}

std::string write_temp(const std::string& name, const std::vector<uint8_t>& bytes)
{
    const std::string path = ::testing::TempDir() + "accelvp_elf_" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    return path;
}

struct Failure {
    Kind kind;
    std::string message;
};

Failure failure_of(const std::string& path)
{
    try {
        load_elf(path);
    } catch (const ElfError& e) {
        return {e.kind(), e.what()};
    }
    ADD_FAILURE() << path << ": expected an ElfError";
    return {Kind::NotFound, ""};
}

Failure failure_of_bytes(const std::string& name, const std::vector<uint8_t>& bytes)
{
    return failure_of(write_temp(name, bytes));
}

TEST(ElfLoader, LoadsSegmentsEntryAndSymbols)
{
    const std::string path = write_temp("program", build_elf(program()));
    const ElfImage image = load_elf(path);
    EXPECT_EQ(image.path, path);
    EXPECT_EQ(image.entry, 0x80000000u);
    ASSERT_EQ(image.segments.size(), 2u);
    EXPECT_EQ(image.segments[0].paddr, 0x80000000u);
    EXPECT_EQ(image.segments[0].memsz, 8u);
    EXPECT_EQ(image.segments[0].data,
              (std::vector<uint8_t>{0x97, 0x01, 0x00, 0x00, 0x93, 0x81, 0x01, 0x00}));
    EXPECT_EQ(image.segments[1].paddr, 0x80001000u);
    EXPECT_EQ(image.segments[1].data, (std::vector<uint8_t>{1, 2, 3, 4}));
    EXPECT_EQ(image.segments[1].memsz, 0x100u) << "the rest of the segment is zero-filled";

    EXPECT_EQ(image.symbol("_start"), 0x80000000u);
    EXPECT_EQ(image.symbol("tohost"), 0x80001000u);
    EXPECT_EQ(image.symbol("buffer"), 0x80001004u) << "local symbols are kept";
    EXPECT_EQ(image.symbol("main"), std::nullopt);
    EXPECT_EQ(image.symbol("start.S"), std::nullopt) << "file symbols are not addresses";
    EXPECT_EQ(image.symbols.size(), 3u);
}

TEST(ElfLoader, WithoutSectionsHasNoSymbols)
{
    ElfSpec spec = program();
    spec.symbols.clear();
    const ElfImage image = load_elf(write_temp("nosections", build_elf(spec)));
    EXPECT_EQ(image.segments.size(), 2u);
    EXPECT_TRUE(image.symbols.empty());
}

TEST(ElfLoader, GlobalSymbolWinsOverLocalOfTheSameName)
{
    for (bool local_first : {true, false}) {
        ElfSpec spec = program();
        Symbol local{"dup", 0x80000004, STB_LOCAL, STT_OBJECT, 1};
        Symbol global{"dup", 0x80001008, STB_GLOBAL, STT_OBJECT, 1};
        spec.symbols.push_back(local_first ? local : global);
        spec.symbols.push_back(local_first ? global : local);
        const ElfImage image = load_elf(write_temp("dup", build_elf(spec)));
        EXPECT_EQ(image.symbol("dup"), 0x80001008u) << "local first: " << local_first;
    }
}

TEST(ElfLoader, SkipsUndefinedSymbolsAndNonLoadOrEmptySegments)
{
    ElfSpec spec = program();
    spec.symbols.push_back({"printf", 0, STB_GLOBAL, STT_FUNC, SHN_UNDEF});
    spec.symbols.push_back({"weak_hook", 0x80000004, STB_WEAK, STT_FUNC, 1});
    spec.segments.push_back({0x90000000, {9, 9}, 2, PT_NOTE});
    spec.segments.push_back({0x90001000, {}, 0});
    const ElfImage image = load_elf(write_temp("skips", build_elf(spec)));
    EXPECT_EQ(image.segments.size(), 2u);
    EXPECT_EQ(image.symbol("printf"), std::nullopt);
    EXPECT_EQ(image.symbol("weak_hook"), 0x80000004u);
}

TEST(ElfLoader, MissingFileIsNotFound)
{
    const std::string path = ::testing::TempDir() + "accelvp_elf_no_such_file.elf";
    const Failure f = failure_of(path);
    EXPECT_EQ(f.kind, Kind::NotFound);
    EXPECT_EQ(f.message, path + ": no such file");
}

TEST(ElfLoader, DirectoryIsNotFound)
{
    const Failure f = failure_of(::testing::TempDir());
    EXPECT_EQ(f.kind, Kind::NotFound);
    EXPECT_THAT(f.message, HasSubstr("is a directory"));
}

TEST(ElfLoader, NotAnElfFile)
{
    const Failure text = failure_of_bytes("text", {'h', 'e', 'l', 'l', 'o', '\n'});
    EXPECT_EQ(text.kind, Kind::Malformed);
    EXPECT_THAT(text.message,
                AllOf(HasSubstr("accelvp_elf_text: not an ELF file"), HasSubstr("68 65 6c 6c")));
    const Failure empty = failure_of_bytes("empty", {});
    EXPECT_EQ(empty.kind, Kind::Malformed);
    EXPECT_THAT(empty.message, HasSubstr("not an ELF file (it is empty)"));
    const Failure short_magic = failure_of_bytes("short_magic", {0x7f, 'E'});
    EXPECT_EQ(short_magic.kind, Kind::Malformed);
    EXPECT_THAT(short_magic.message, HasSubstr("not an ELF file"));
}

TEST(ElfLoader, TruncatedHeaders)
{
    const std::vector<uint8_t> full = build_elf(program());
    const Failure ident = failure_of_bytes("trunc_ident", {full.begin(), full.begin() + 10});
    EXPECT_EQ(ident.kind, Kind::Malformed);
    EXPECT_THAT(ident.message,
                AllOf(HasSubstr("truncated: 10 bytes"), HasSubstr("identification")));
    const Failure header = failure_of_bytes("trunc_header", {full.begin(), full.begin() + 40});
    EXPECT_EQ(header.kind, Kind::Malformed);
    EXPECT_THAT(header.message, AllOf(HasSubstr("truncated: 40 bytes"), HasSubstr("ELF header")));
    const Failure phdrs = failure_of_bytes("trunc_phdrs", {full.begin(), full.begin() + 60});
    EXPECT_EQ(phdrs.kind, Kind::Malformed);
    EXPECT_THAT(phdrs.message,
                AllOf(HasSubstr("truncated"), HasSubstr("program header table [0x34, 0x74)"),
                      HasSubstr("60 bytes")));
    const Failure shdrs = failure_of_bytes("trunc_shdrs", {full.begin(), full.end() - 1});
    EXPECT_EQ(shdrs.kind, Kind::Malformed);
    EXPECT_THAT(shdrs.message, AllOf(HasSubstr("truncated"), HasSubstr("section header table")));
}

TEST(ElfLoader, SegmentDataPastTheEndOfTheFile)
{
    ElfSpec spec = program();
    spec.symbols.clear();
    std::vector<uint8_t> bytes = build_elf(spec);
    bytes.resize(bytes.size() - 2);  // cuts the second segment's data
    const Failure f = failure_of_bytes("trunc_segment", bytes);
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, AllOf(HasSubstr("truncated"), HasSubstr("segment 1 [0x80001000, "
                                                                   "0x80001100)"),
                                 HasSubstr("past the end of the file")));
}

TEST(ElfLoader, SectionDataPastTheEndOfTheFile)
{
    std::vector<uint8_t> bytes = build_elf(program());
    Elf32_Ehdr eh;
    std::memcpy(&eh, bytes.data(), sizeof eh);
    const size_t strtab = eh.e_shoff + 3 * sizeof(Elf32_Shdr);
    put(bytes, strtab + offsetof(Elf32_Shdr, sh_offset), uint32_t{0x10000});
    const Failure f = failure_of_bytes("trunc_section", bytes);
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, AllOf(HasSubstr("truncated"), HasSubstr("section 3 [0x10000,")));
}

TEST(ElfLoader, WrongClassOrEncoding)
{
    std::vector<uint8_t> bytes = build_elf(program());
    bytes[EI_CLASS] = ELFCLASS64;
    Failure f = failure_of_bytes("class64", bytes);
    EXPECT_EQ(f.kind, Kind::WrongTarget);
    EXPECT_THAT(f.message, AllOf(HasSubstr("64-bit"), HasSubstr("RV32")));
    bytes[EI_CLASS] = 7;
    f = failure_of_bytes("class7", bytes);
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, HasSubstr("invalid ELF class 7"));

    bytes = build_elf(program());
    bytes[EI_DATA] = ELFDATA2MSB;
    f = failure_of_bytes("msb", bytes);
    EXPECT_EQ(f.kind, Kind::WrongTarget);
    EXPECT_THAT(f.message, AllOf(HasSubstr("big-endian"), HasSubstr("little endian")));
    bytes[EI_DATA] = 9;
    f = failure_of_bytes("data9", bytes);
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, HasSubstr("invalid ELF data encoding 9"));
}

TEST(ElfLoader, WrongMachine)
{
    ElfSpec spec = program();
    spec.machine = EM_X86_64;
    const Failure f = failure_of_bytes("x86", build_elf(spec));
    EXPECT_EQ(f.kind, Kind::WrongTarget);
    EXPECT_THAT(f.message, AllOf(HasSubstr("machine 62 (x86-64)"), HasSubstr("not RISC-V")));
}

TEST(ElfLoader, NotAnExecutable)
{
    ElfSpec spec = program();
    spec.type = ET_REL;
    Failure f = failure_of_bytes("rel", build_elf(spec));
    EXPECT_EQ(f.kind, Kind::WrongTarget);
    EXPECT_THAT(f.message, AllOf(HasSubstr("not an executable"), HasSubstr("ET_REL")));
    spec.type = ET_DYN;
    f = failure_of_bytes("dyn", build_elf(spec));
    EXPECT_EQ(f.kind, Kind::WrongTarget);
    EXPECT_THAT(f.message, AllOf(HasSubstr("ET_DYN"), HasSubstr("-pie")));
}

TEST(ElfLoader, FileSizeLargerThanMemorySize)
{
    ElfSpec spec = program();
    spec.segments[1].memsz = 2;
    const Failure f = failure_of_bytes("filesz", build_elf(spec));
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, AllOf(HasSubstr("segment 1"), HasSubstr("more bytes in the file (0x4) "
                                                                   "than in memory (0x2)")));
}

TEST(ElfLoader, NoLoadableSegment)
{
    ElfSpec none = program();
    none.segments.clear();
    Failure f = failure_of_bytes("noload", build_elf(none));
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, HasSubstr("no loadable segment"));

    ElfSpec empty = program();
    for (auto& segment : empty.segments) {
        segment.data.clear();
        segment.memsz = 0;
    }
    f = failure_of_bytes("emptyload", build_elf(empty));
    EXPECT_THAT(f.message, HasSubstr("no loadable segment"));
}

TEST(ElfLoader, EntryOutsideTheLoadedSegments)
{
    ElfSpec spec = program();
    spec.entry = 0x80000008;  // just past the code segment
    const Failure f = failure_of_bytes("entry", build_elf(spec));
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message,
                AllOf(HasSubstr("entry point 0x80000008 is not inside any loaded segment"),
                      HasSubstr("[0x80000000, 0x80000008), [0x80001000, 0x80001100)")));
}

TEST(ElfLoader, SegmentPastTheAddressSpace)
{
    ElfSpec spec = program();
    spec.segments[1] = {0xffffff00, {1}, 0x200};
    const Failure f = failure_of_bytes("wrap", build_elf(spec));
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, HasSubstr("past the 32-bit address space"));
}

TEST(ElfLoader, BrokenSymbolTable)
{
    const std::vector<uint8_t> good = build_elf(program());
    Elf32_Ehdr eh;
    std::memcpy(&eh, good.data(), sizeof eh);
    const size_t symtab = eh.e_shoff + 2 * sizeof(Elf32_Shdr);

    std::vector<uint8_t> bytes = good;
    put(bytes, symtab + offsetof(Elf32_Shdr, sh_entsize), uint32_t{12});
    Failure f = failure_of_bytes("entsize", bytes);
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, AllOf(HasSubstr("symbol table (section 2)"), HasSubstr("12 bytes")));

    bytes = good;
    put(bytes, symtab + offsetof(Elf32_Shdr, sh_link), uint32_t{1});
    f = failure_of_bytes("link", bytes);
    EXPECT_THAT(f.message, HasSubstr("links to section 1, which is not a string table"));
    put(bytes, symtab + offsetof(Elf32_Shdr, sh_link), uint32_t{99});
    f = failure_of_bytes("link99", bytes);
    EXPECT_THAT(f.message, HasSubstr("links to section 99"));

    bytes = good;
    uint32_t first_sym = 0;
    std::memcpy(&first_sym, &good[symtab + offsetof(Elf32_Shdr, sh_offset)], sizeof first_sym);
    put(bytes, first_sym + 3 * sizeof(Elf32_Sym) + offsetof(Elf32_Sym, st_name), uint32_t{5000});
    f = failure_of_bytes("symname", bytes);
    EXPECT_EQ(f.kind, Kind::Malformed);
    EXPECT_THAT(f.message, AllOf(HasSubstr("symbol 3"), HasSubstr("outside its string table")));
}

TEST(ElfLoader, SegmentsThatFit)
{
    const ElfImage image = load_elf(write_temp("fit", build_elf(program())));
    const std::vector<MemoryRange> memories = {{"sram", 0x20000000, 0x40000},
                                               {"dram", 0x80000000, 0x10000000}};
    EXPECT_NO_THROW(check_segments_fit(image, memories));
    EXPECT_NO_THROW(check_segments_fit(image, {{"exact", 0x80000000, 0x1100}}));
}

ElfImage image_with(uint64_t paddr, uint64_t memsz)
{
    ElfImage image;
    image.path = "prog.elf";
    image.entry = paddr;
    image.segments.push_back({paddr, {}, memsz});
    return image;
}

Failure fit_failure(const ElfImage& image, const std::vector<MemoryRange>& memories)
{
    try {
        check_segments_fit(image, memories);
    } catch (const ElfError& e) {
        return {e.kind(), e.what()};
    }
    ADD_FAILURE() << "expected an ElfError";
    return {Kind::NotFound, ""};
}

TEST(ElfLoader, SegmentRunningPastTheEndOfAMemory)
{
    const std::vector<MemoryRange> memories = {{"sram", 0x20000000, 0x40000},
                                               {"dram", 0x80000000, 0x10000}};
    const Failure f = fit_failure(image_with(0x8000f000, 0x2000), memories);
    EXPECT_EQ(f.kind, Kind::DoesNotFit);
    EXPECT_EQ(f.message,
              "prog.elf: segment [0x8000f000, 0x80011000) (8192 bytes) does not fit in any "
              "memory of the board; the nearest is 'dram' [0x80000000, 0x80010000): the segment "
              "runs 0x1000 bytes past its end. Check the linker script against the board's "
              "memory map");
}

TEST(ElfLoader, SegmentOutsideEveryMemoryNamesTheNearest)
{
    const std::vector<MemoryRange> memories = {{"sram", 0x20000000, 0x40000},
                                               {"dram", 0x80000000, 0x10000}};
    Failure f = fit_failure(image_with(0x20040100, 0x10), memories);
    EXPECT_EQ(f.kind, Kind::DoesNotFit);
    EXPECT_THAT(f.message, AllOf(HasSubstr("[0x20040100, 0x20040110)"), HasSubstr("'sram'"),
                                 HasSubstr("starts 0x100 bytes after its end")));
    f = fit_failure(image_with(0x7ffff000, 0x100), memories);
    EXPECT_THAT(f.message, AllOf(HasSubstr("'dram'"), HasSubstr("ends 0xf00 bytes before it")));
    f = fit_failure(image_with(0x7ffff000, 0x2000), memories);
    EXPECT_THAT(f.message, AllOf(HasSubstr("'dram'"), HasSubstr("starts 0x1000 bytes before it")));
    f = fit_failure(image_with(0x1fff0000, 0x100000), memories);
    EXPECT_THAT(f.message, AllOf(HasSubstr("'sram'"), HasSubstr("larger than it")));
    f = fit_failure(image_with(0x80000000, 0x10), {});
    EXPECT_EQ(f.kind, Kind::DoesNotFit);
    EXPECT_THAT(f.message, HasSubstr("no memory to be loaded into"));
}

TEST(ElfLoader, SegmentSpanningTwoAdjacentMemoriesDoesNotFit)
{
    const std::vector<MemoryRange> memories = {{"low", 0x1000, 0x1000}, {"high", 0x2000, 0x1000}};
    const Failure f = fit_failure(image_with(0x1800, 0x1000), memories);
    EXPECT_EQ(f.kind, Kind::DoesNotFit);
    EXPECT_THAT(f.message, HasSubstr("'low'"));
}

// The loader must answer every input with an image or an ElfError, never a crash or another
// exception. Run under ASan/UBSan (-DACCELVP_SANITIZE=ON) to catch silent memory errors.
void expect_clean(const std::string& path, const std::string& what)
{
    try {
        load_elf(path);
    } catch (const ElfError&) {
    } catch (const std::exception& e) {
        ADD_FAILURE() << what << ": unexpected exception " << e.what();
    }
}

TEST(ElfLoaderRobustness, RandomBytes)
{
    std::mt19937 rng(12345);
    const std::vector<uint8_t> valid = build_elf(program());
    for (int i = 0; i < 600; ++i) {
        std::vector<uint8_t> bytes(rng() % 2048);
        for (auto& b : bytes) b = static_cast<uint8_t>(rng());
        if (i % 2 == 1 && bytes.size() >= sizeof(Elf32_Ehdr)) {
            // A valid identification, machine and type, so that the garbage gets further in.
            std::copy(valid.begin(), valid.begin() + 20, bytes.begin());
        }
        const std::string path = write_temp("random", bytes);
        expect_clean(path, "random input " + std::to_string(i));
    }
}

TEST(ElfLoaderRobustness, EveryTruncatedPrefixIsMalformed)
{
    const std::vector<uint8_t> full = build_elf(program());
    for (size_t length = 0; length < full.size(); ++length) {
        const std::string path = write_temp("prefix", {full.begin(), full.begin() + length});
        try {
            load_elf(path);
            ADD_FAILURE() << "a prefix of " << length << " bytes loaded";
        } catch (const ElfError& e) {
            EXPECT_EQ(e.kind(), Kind::Malformed) << length << " bytes: " << e.what();
        }
    }
    EXPECT_NO_THROW(load_elf(write_temp("prefix", full)));
}

TEST(ElfLoaderRobustness, CorruptedBytes)
{
    const std::vector<uint8_t> full = build_elf(program());
    for (size_t at = 0; at < full.size(); ++at) {
        for (uint8_t value : {uint8_t{0x00}, uint8_t{0xff}, uint8_t{0x80},
                              static_cast<uint8_t>(full[at] ^ 0x80),
                              static_cast<uint8_t>(full[at] + 1)}) {
            std::vector<uint8_t> bytes = full;
            bytes[at] = value;
            expect_clean(write_temp("corrupt", bytes),
                         "byte " + std::to_string(at) + " = " + std::to_string(value));
        }
    }
}

TEST(ElfLoaderRobustness, CorruptedHeaderFields)
{
    const std::vector<uint8_t> full = build_elf(program());
    Elf32_Ehdr eh;
    std::memcpy(&eh, full.data(), sizeof eh);
    // Every 16/32-bit field of the ELF header, program headers and section headers set to
    // the values most likely to break offset arithmetic.
    std::vector<std::pair<size_t, size_t>> fields;  // offset, size
    for (size_t at = 16; at < sizeof(Elf32_Ehdr); at += at < 24 ? 2 : (at < 40 ? 4 : 2)) {
        fields.push_back({at, at < 24 || at >= 40 ? 2 : 4});
    }
    for (size_t p = 0; p < eh.e_phnum; ++p) {
        for (size_t at = 0; at < sizeof(Elf32_Phdr); at += 4) {
            fields.push_back({eh.e_phoff + p * sizeof(Elf32_Phdr) + at, 4});
        }
    }
    for (size_t s = 0; s < eh.e_shnum; ++s) {
        for (size_t at = 0; at < sizeof(Elf32_Shdr); at += 4) {
            fields.push_back({eh.e_shoff + s * sizeof(Elf32_Shdr) + at, 4});
        }
    }
    const uint32_t values[] = {0, 1, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xfffffff0,
                               0xffffffff, static_cast<uint32_t>(full.size()),
                               static_cast<uint32_t>(full.size() - 1)};
    for (const auto& [at, size] : fields) {
        for (uint32_t value : values) {
            std::vector<uint8_t> bytes = full;
            if (size == 2) {
                put(bytes, at, static_cast<uint16_t>(value));
            } else {
                put(bytes, at, value);
            }
            expect_clean(write_temp("field", bytes),
                         "field at " + std::to_string(at) + " = " + std::to_string(value));
        }
    }
}

}  // namespace
}  // namespace accelvp
