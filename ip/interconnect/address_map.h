// The interconnect's address decoder: named windows [base, base+size) in a 32-bit address
// space, each leading to a target port or reserved (a device not present in this build).
// Windows may not overlap; add() refuses with a message naming both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace accelvp {

class AddressMap {
public:
    struct Window {
        std::string name;  // the configuration key of the device ("soc.dram")
        uint64_t base = 0, size = 0;
        int port = -1;  // the target port it leads to, -1 for a reserved window
    };

    // Throws std::invalid_argument for an empty window, one outside the 32-bit address space
    // or one overlapping another (naming both).
    void add(Window window);
    // The window holding addr, or null.
    const Window* find(uint64_t addr) const;
    // The window holding all of [addr, addr+len), or null (unmapped, or it runs past the end).
    const Window* find(uint64_t addr, uint64_t len) const;
    const std::vector<Window>& windows() const { return windows_; }

private:
    std::vector<Window> windows_;  // sorted by base
};

}  // namespace accelvp
