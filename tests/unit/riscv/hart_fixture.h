// A Hart on a plain memory, without SystemC: RAM at kRamBase with DMI, everything else
// answers with a bus error. Instructions are encoded by the small helpers below.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "ip/riscv/hart.h"

namespace accelvp::rv::test {

constexpr uint32_t kRamBase = 0x80000000u;
constexpr uint32_t kRamSize = 1u << 20;

class RamBus : public HartBus {
public:
    std::vector<uint8_t> ram = std::vector<uint8_t>(kRamSize);
    bool dmi_enabled = true;
    uint64_t time = 0;
    int bus_reads = 0, bus_writes = 0;

    bool in_ram(uint32_t a, unsigned len) const { return a >= kRamBase && a - kRamBase + len <= kRamSize; }
    bool read(uint32_t a, void* d, unsigned len) override {
        ++bus_reads;
        if (!in_ram(a, len)) return false;
        std::memcpy(d, &ram[a - kRamBase], len);
        return true;
    }
    bool write(uint32_t a, const void* d, unsigned len) override {
        ++bus_writes;
        if (!in_ram(a, len)) return false;
        std::memcpy(&ram[a - kRamBase], d, len);
        return true;
    }
    bool request_dmi(uint32_t a, DmiRegion& r) override {
        if (!dmi_enabled || !in_ram(a, 1)) return false;
        r = DmiRegion{kRamBase, kRamSize, ram.data(), true};
        return true;
    }
    uint64_t read_time() override { return time; }
};

// Encoders for the instruction formats.
inline uint32_t r_type(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
inline uint32_t i_type(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
    return uint32_t(imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
inline uint32_t s_type(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t op) {
    uint32_t u = uint32_t(imm) & 0xfff;
    return (u >> 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 31) << 7 | op;
}
inline uint32_t b_type(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3) {
    uint32_t u = uint32_t(imm);
    return ((u >> 12) & 1) << 31 | ((u >> 5) & 63) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           ((u >> 1) & 15) << 8 | ((u >> 11) & 1) << 7 | 0x63;
}
inline uint32_t addi(uint32_t rd, uint32_t rs1, int32_t imm) { return i_type(imm, rs1, 0, rd, 0x13); }
inline uint32_t add(uint32_t rd, uint32_t rs1, uint32_t rs2) { return r_type(0, rs2, rs1, 0, rd, 0x33); }
inline uint32_t lw(uint32_t rd, uint32_t rs1, int32_t imm) { return i_type(imm, rs1, 2, rd, 0x03); }
inline uint32_t sw(uint32_t rs2, uint32_t rs1, int32_t imm) { return s_type(imm, rs2, rs1, 2, 0x23); }
inline uint32_t lui(uint32_t rd, uint32_t imm20) { return imm20 << 12 | rd << 7 | 0x37; }
inline uint32_t csrrw(uint32_t rd, uint32_t csr, uint32_t rs1) { return i_type(int32_t(csr), rs1, 1, rd, 0x73); }
inline uint32_t csrrs(uint32_t rd, uint32_t csr, uint32_t rs1) { return i_type(int32_t(csr), rs1, 2, rd, 0x73); }
inline uint32_t bne(uint32_t rs1, uint32_t rs2, int32_t off) { return b_type(off, rs2, rs1, 1); }
constexpr uint32_t kNop = 0x00000013;
constexpr uint32_t kEcall = 0x00000073, kMret = 0x30200073, kWfi = 0x10500073, kFenceI = 0x0000100f;

struct HartFixture {
    RamBus bus;
    Hart hart{bus};

    // Fills RAM with nops (so trap handlers run on), writes `words` at kRamBase + offset and
    // resets the hart there.
    void program(const std::vector<uint32_t>& words, uint32_t offset = 0) {
        for (uint32_t a = 0; a < kRamSize; a += 4) std::memcpy(&bus.ram[a], &kNop, 4);
        std::memcpy(&bus.ram[offset], words.data(), words.size() * 4);
        hart.reset(kRamBase + offset);
    }
    RunResult run(uint64_t instructions) { return hart.run(~uint64_t{0}, hart.instret + instructions); }
};

}  // namespace accelvp::rv::test
