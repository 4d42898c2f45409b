// Reads a bare-metal RV32 executable (ELFCLASS32, little endian, EM_RISCV, ET_EXEC) into
// memory: its PT_LOAD segments by physical address, its entry point and its symbol table.
// Does not relocate, and does not write anything into the board's memories (the caller
// does, after check_segments_fit()).
// Every header, table and segment is checked against the file's size before it is read, so
// a truncated or corrupted file is an ElfError, never a crash. The entry point must lie in a
// loaded segment's physical range: there is no MMU, the CPU starts fetching there.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace accelvp {

class ElfError : public std::runtime_error {
public:
    enum class Kind {
        NotFound,     // the file does not exist or cannot be read
        Malformed,    // not an ELF file, truncated, or inconsistent headers
        WrongTarget,  // a valid ELF, but not an RV32 little-endian executable
        DoesNotFit,   // a segment lies outside the board's memories
    };

    ElfError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

struct ElfSegment {
    uint64_t paddr = 0;
    std::vector<uint8_t> data;  // p_filesz bytes; the rest up to memsz is zero-filled
    uint64_t memsz = 0;
};

struct ElfImage {
    std::string path;
    uint64_t entry = 0;
    std::vector<ElfSegment> segments;         // PT_LOAD segments with memsz > 0, in file order
    std::map<std::string, uint64_t> symbols;  // named symbols of .symtab (not file/section)

    std::optional<uint64_t> symbol(const std::string& name) const;
};

ElfImage load_elf(const std::string& path);

struct MemoryRange {
    std::string name;
    uint64_t base = 0;
    uint64_t size = 0;
};

// Each segment's [paddr, paddr + memsz) must lie inside one memory; otherwise throws
// ElfError(DoesNotFit) naming the segment's range and the nearest memory.
void check_segments_fit(const ElfImage& image, const std::vector<MemoryRange>& memories);

}  // namespace accelvp
