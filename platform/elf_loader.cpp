#include "platform/elf_loader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>

namespace accelvp {

namespace {

using Kind = ElfError::Kind;

constexpr size_t kEhdrSize = sizeof(Elf32_Ehdr);  // 52
constexpr size_t kPhdrSize = sizeof(Elf32_Phdr);  // 32
constexpr size_t kShdrSize = sizeof(Elf32_Shdr);  // 40
constexpr size_t kSymSize = sizeof(Elf32_Sym);    // 16

std::vector<uint8_t> read_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) throw ElfError(Kind::NotFound, fmt::format("{}: no such file", path));
        throw ElfError(Kind::NotFound,
                       fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        throw ElfError(Kind::NotFound,
                       fmt::format("{}: is a directory, expected an ELF file", path));
    }
    std::vector<uint8_t> bytes;
    uint8_t chunk[65536];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            throw ElfError(Kind::NotFound,
                           fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
        }
        if (n == 0) return bytes;
        bytes.insert(bytes.end(), chunk, chunk + n);
    }
}

uint32_t le16(const std::vector<uint8_t>& b, size_t at) {
    return b[at] | uint32_t{b[at + 1]} << 8;
}

uint32_t le32(const std::vector<uint8_t>& b, size_t at) {
    return le16(b, at) | le16(b, at + 2) << 16;
}

std::string range(uint64_t begin, uint64_t end) {
    return fmt::format("[{:#x}, {:#x})", begin, end);
}

const char* machine_name(uint32_t machine) {
    switch (machine) {
        case EM_386:
            return "x86";
        case EM_X86_64:
            return "x86-64";
        case EM_ARM:
            return "ARM";
        case EM_AARCH64:
            return "AArch64";
        case EM_MIPS:
            return "MIPS";
        case EM_PPC:
            return "PowerPC";
        case EM_PPC64:
            return "PowerPC64";
        case EM_NONE:
            return "no machine";
        default:
            return "unknown machine";
    }
}

struct ElfCloser {
    void operator()(Elf* elf) const { elf_end(elf); }
};

// The identification and file-level checks that need only the raw bytes: what libelf would
// read must lie inside the file before libelf is asked to read it.
void check_header(const std::string& path, const std::vector<uint8_t>& b) {
    const size_t size = b.size();
    if (size == 0) {
        throw ElfError(Kind::Malformed, fmt::format("{}: not an ELF file (it is empty)", path));
    }
    if (size < SELFMAG || std::memcmp(b.data(), ELFMAG, SELFMAG) != 0) {
        std::string start;
        for (size_t i = 0; i < std::min<size_t>(size, SELFMAG); ++i) {
            start += fmt::format("{}{:02x}", i ? " " : "", b[i]);
        }
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: not an ELF file (it starts with bytes {}, an ELF file "
                                   "with 7f 45 4c 46)",
                                   path, start));
    }
    if (size < EI_NIDENT) {
        throw ElfError(Kind::Malformed, fmt::format("{}: truncated: {} bytes, shorter than the ELF "
                                                    "identification ({} bytes)",
                                                    path, size, EI_NIDENT));
    }
    if (b[EI_CLASS] == ELFCLASS64) {
        throw ElfError(Kind::WrongTarget,
                       fmt::format("{}: a 64-bit ELF (ELFCLASS64); the board's CPU is RV32: "
                                   "build with -march=rv32... -mabi=ilp32",
                                   path));
    }
    if (b[EI_CLASS] != ELFCLASS32) {
        throw ElfError(
            Kind::Malformed,
            fmt::format("{}: invalid ELF class {} (byte 4 of the header)", path, b[EI_CLASS]));
    }
    if (b[EI_DATA] == ELFDATA2MSB) {
        throw ElfError(Kind::WrongTarget,
                       fmt::format("{}: a big-endian ELF (ELFDATA2MSB); the board's RV32 CPU "
                                   "is little endian",
                                   path));
    }
    if (b[EI_DATA] != ELFDATA2LSB) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: invalid ELF data encoding {} (byte 5 of the header)", path,
                                   b[EI_DATA]));
    }
    if (size < kEhdrSize) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: truncated: {} bytes, shorter than an ELF header ({} "
                                   "bytes)",
                                   path, size, kEhdrSize));
    }
    const uint32_t machine = le16(b, offsetof(Elf32_Ehdr, e_machine));
    if (machine != EM_RISCV) {
        throw ElfError(Kind::WrongTarget,
                       fmt::format("{}: built for machine {} ({}), not RISC-V (EM_RISCV = {})",
                                   path, machine, machine_name(machine), EM_RISCV));
    }
    const uint32_t type = le16(b, offsetof(Elf32_Ehdr, e_type));
    if (type != ET_EXEC) {
        const std::string what =
            type == ET_REL    ? "a relocatable object (ET_REL): link it first"
            : type == ET_DYN  ? "a shared object or position-independent executable (ET_DYN): "
                                "link it statically, without -pie"
            : type == ET_CORE ? "a core dump (ET_CORE)"
                              : fmt::format("an ELF file of type {}", type);
        throw ElfError(Kind::WrongTarget,
                       fmt::format("{}: not an executable (ET_EXEC) but {}", path, what));
    }

    const uint64_t phoff = le32(b, offsetof(Elf32_Ehdr, e_phoff));
    const uint32_t phnum = le16(b, offsetof(Elf32_Ehdr, e_phnum));
    const uint32_t phentsize = le16(b, offsetof(Elf32_Ehdr, e_phentsize));
    if (phnum == PN_XNUM) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: too many program headers (extended numbering is not "
                                   "supported)",
                                   path));
    }
    if (phnum > 0 && phentsize != kPhdrSize) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: program header entries of {} bytes, expected {}", path,
                                   phentsize, kPhdrSize));
    }
    if (phnum > 0 && phoff + phnum * kPhdrSize > size) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: truncated: the program header table {} extends past "
                                   "the end of the file ({} bytes)",
                                   path, range(phoff, phoff + phnum * kPhdrSize), size));
    }

    const uint64_t shoff = le32(b, offsetof(Elf32_Ehdr, e_shoff));
    if (shoff == 0) return;
    const uint32_t shentsize = le16(b, offsetof(Elf32_Ehdr, e_shentsize));
    if (shentsize != kShdrSize) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: section header entries of {} bytes, expected {}", path,
                                   shentsize, kShdrSize));
    }
    uint64_t shnum = le16(b, offsetof(Elf32_Ehdr, e_shnum));
    if (shoff + kShdrSize > size) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: truncated: the section header table at {:#x} lies past "
                                   "the end of the file ({} bytes)",
                                   path, shoff, size));
    }
    if (shnum == 0) shnum = le32(b, shoff + offsetof(Elf32_Shdr, sh_size));  // extended count
    if (shoff + shnum * kShdrSize > size) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: truncated: the section header table {} extends past "
                                   "the end of the file ({} bytes)",
                                   path, range(shoff, shoff + shnum * kShdrSize), size));
    }
    for (uint64_t i = 0; i < shnum; ++i) {
        const size_t at = shoff + i * kShdrSize;
        const uint64_t offset = le32(b, at + offsetof(Elf32_Shdr, sh_offset));
        const uint64_t bytes = le32(b, at + offsetof(Elf32_Shdr, sh_size));
        if (i == 0 || le32(b, at + offsetof(Elf32_Shdr, sh_type)) == SHT_NOBITS) continue;
        if (offset + bytes > size) {
            throw ElfError(Kind::Malformed,
                           fmt::format("{}: truncated: section {} {} extends past the end of "
                                       "the file ({} bytes)",
                                       path, i, range(offset, offset + bytes), size));
        }
    }
}

[[noreturn]] void libelf_error(const std::string& path, const char* doing) {
    throw ElfError(Kind::Malformed,
                   fmt::format("{}: {}: {}", path, doing, elf_errmsg(elf_errno())));
}

void read_segments(const std::string& path, Elf* elf, const std::vector<uint8_t>& b,
                   ElfImage& image) {
    size_t phnum = 0;
    if (elf_getphdrnum(elf, &phnum) != 0) libelf_error(path, "reading the program headers");
    for (size_t i = 0; i < phnum; ++i) {
        GElf_Phdr ph;
        if (!gelf_getphdr(elf, static_cast<int>(i), &ph)) {
            libelf_error(path, "reading a program header");
        }
        if (ph.p_type != PT_LOAD) continue;
        const std::string where =
            fmt::format("segment {} {}", i, range(ph.p_paddr, ph.p_paddr + ph.p_memsz));
        if (ph.p_filesz > ph.p_memsz) {
            throw ElfError(Kind::Malformed,
                           fmt::format("{}: {} has more bytes in the file ({:#x}) than in "
                                       "memory ({:#x})",
                                       path, where, ph.p_filesz, ph.p_memsz));
        }
        if (ph.p_offset + ph.p_filesz > b.size()) {
            throw ElfError(
                Kind::Malformed,
                fmt::format("{}: truncated: {} has its data at {} past the end of "
                            "the file ({} bytes)",
                            path, where, range(ph.p_offset, ph.p_offset + ph.p_filesz), b.size()));
        }
        if (ph.p_paddr + ph.p_memsz > (uint64_t{1} << 32)) {
            throw ElfError(
                Kind::Malformed,
                fmt::format("{}: {} extends past the 32-bit address space", path, where));
        }
        if (ph.p_memsz == 0) continue;
        ElfSegment segment;
        segment.paddr = ph.p_paddr;
        segment.memsz = ph.p_memsz;
        segment.data.assign(b.begin() + static_cast<ptrdiff_t>(ph.p_offset),
                            b.begin() + static_cast<ptrdiff_t>(ph.p_offset + ph.p_filesz));
        image.segments.push_back(std::move(segment));
    }
    if (image.segments.empty()) {
        throw ElfError(Kind::Malformed,
                       fmt::format("{}: no loadable segment (PT_LOAD with a non-zero memory "
                                   "size)",
                                   path));
    }
    for (const auto& segment : image.segments) {
        if (image.entry >= segment.paddr && image.entry < segment.paddr + segment.memsz) return;
    }
    std::string segments;
    for (const auto& segment : image.segments) {
        segments +=
            (segments.empty() ? "" : ", ") + range(segment.paddr, segment.paddr + segment.memsz);
    }
    throw ElfError(Kind::Malformed,
                   fmt::format("{}: the entry point {:#x} is not inside any loaded segment ({})",
                               path, image.entry, segments));
}

void read_symbols(const std::string& path, Elf* elf, ElfImage& image) {
    size_t shnum = 0;
    if (elf_getshdrnum(elf, &shnum) != 0) libelf_error(path, "reading the section headers");
    std::map<std::string, bool> is_global;
    for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh)) libelf_error(path, "reading a section header");
        if (sh.sh_type != SHT_SYMTAB) continue;
        const size_t index = elf_ndxscn(scn);
        if (sh.sh_entsize != kSymSize) {
            throw ElfError(Kind::Malformed,
                           fmt::format("{}: symbol table (section {}) has entries of {} bytes, "
                                       "expected {}",
                                       path, index, sh.sh_entsize, kSymSize));
        }
        GElf_Shdr strtab;
        Elf_Scn* strscn = sh.sh_link < shnum ? elf_getscn(elf, sh.sh_link) : nullptr;
        if (!strscn || !gelf_getshdr(strscn, &strtab) || strtab.sh_type != SHT_STRTAB) {
            throw ElfError(Kind::Malformed,
                           fmt::format("{}: symbol table (section {}) links to section {}, "
                                       "which is not a string table",
                                       path, index, sh.sh_link));
        }
        Elf_Data* data = elf_getdata(scn, nullptr);
        if (!data) libelf_error(path, "reading the symbol table");
        const size_t count = data->d_size / kSymSize;
        for (size_t i = 1; i < count; ++i) {
            GElf_Sym sym;
            if (!gelf_getsym(data, static_cast<int>(i), &sym)) {
                libelf_error(path, "reading a symbol");
            }
            const unsigned type = GELF_ST_TYPE(sym.st_info);
            if (type == STT_SECTION || type == STT_FILE || sym.st_shndx == SHN_UNDEF) continue;
            const char* name = elf_strptr(elf, sh.sh_link, sym.st_name);
            if (!name) {
                throw ElfError(Kind::Malformed,
                               fmt::format("{}: symbol {} has its name at offset {}, outside "
                                           "its string table",
                                           path, i, sym.st_name));
            }
            if (*name == '\0') continue;
            // A global definition wins over a local symbol of the same name.
            const bool global = GELF_ST_BIND(sym.st_info) != STB_LOCAL;
            const auto it = is_global.find(name);
            if (it != is_global.end() && (it->second || !global)) continue;
            is_global[name] = global;
            image.symbols[name] = sym.st_value;
        }
    }
}

}  // namespace

std::optional<uint64_t> ElfImage::symbol(const std::string& name) const {
    const auto it = symbols.find(name);
    if (it == symbols.end()) return std::nullopt;
    return it->second;
}

ElfImage load_elf(const std::string& path) {
    static const bool libelf_ready = elf_version(EV_CURRENT) != EV_NONE;
    if (!libelf_ready) throw std::runtime_error("libelf: " + std::string(elf_errmsg(-1)));

    std::vector<uint8_t> bytes = read_file(path);
    check_header(path, bytes);

    std::unique_ptr<Elf, ElfCloser> elf(
        elf_memory(reinterpret_cast<char*>(bytes.data()), bytes.size()));
    if (!elf) libelf_error(path, "not a readable ELF file");
    if (elf_kind(elf.get()) != ELF_K_ELF) {
        throw ElfError(Kind::Malformed, fmt::format("{}: not an ELF file", path));
    }
    GElf_Ehdr eh;
    if (!gelf_getehdr(elf.get(), &eh)) libelf_error(path, "reading the ELF header");

    ElfImage image;
    image.path = path;
    image.entry = eh.e_entry;
    read_segments(path, elf.get(), bytes, image);
    read_symbols(path, elf.get(), image);
    return image;
}

void check_segments_fit(const ElfImage& image, const std::vector<MemoryRange>& memories) {
    constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
    auto end_of = [](uint64_t base, uint64_t size) {
        return size > kMax - base ? kMax : base + size;
    };
    for (const auto& segment : image.segments) {
        const uint64_t begin = segment.paddr;
        const uint64_t end = end_of(segment.paddr, segment.memsz);
        const MemoryRange* nearest = nullptr;
        uint64_t best_overlap = 0;
        uint64_t best_gap = kMax;
        bool fits = false;
        for (const auto& memory : memories) {
            const uint64_t mem_end = end_of(memory.base, memory.size);
            if (begin >= memory.base && end <= mem_end && memory.size > 0) {
                fits = true;
                break;
            }
            const uint64_t lo = std::max(begin, memory.base);
            const uint64_t hi = std::min(end, mem_end);
            if (hi > lo) {
                if (hi - lo > best_overlap) {
                    best_overlap = hi - lo;
                    nearest = &memory;
                }
                continue;
            }
            const uint64_t gap = begin >= mem_end ? begin - mem_end : memory.base - end;
            if (best_overlap == 0 && gap < best_gap) {
                best_gap = gap;
                nearest = &memory;
            }
        }
        if (fits) continue;
        const std::string segment_range = range(begin, end);
        if (!nearest) {
            throw ElfError(Kind::DoesNotFit,
                           fmt::format("{}: segment {} has no memory to be loaded into", image.path,
                                       segment_range));
        }
        const uint64_t mem_end = end_of(nearest->base, nearest->size);
        std::string how;
        if (begin < nearest->base && end > mem_end) {
            how = "the segment is larger than it";
        } else if (end <= nearest->base) {
            how = fmt::format("the segment ends {:#x} bytes before it", nearest->base - end);
        } else if (begin >= mem_end) {
            how = fmt::format("the segment starts {:#x} bytes after its end", begin - mem_end);
        } else if (begin < nearest->base) {
            how = fmt::format("the segment starts {:#x} bytes before it", nearest->base - begin);
        } else {
            how = fmt::format("the segment runs {:#x} bytes past its end", end - mem_end);
        }
        throw ElfError(Kind::DoesNotFit,
                       fmt::format("{}: segment {} ({} bytes) does not fit in any memory of the "
                                   "board; the nearest is '{}' {}: {}. Check the linker script "
                                   "against the board's memory map",
                                   image.path, segment_range, segment.memsz, nearest->name,
                                   range(nearest->base, mem_end), how));
    }
}

}  // namespace accelvp
