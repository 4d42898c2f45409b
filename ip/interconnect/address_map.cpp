#include "ip/interconnect/address_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace accelvp {

void AddressMap::add(Window w) {
    if (w.size == 0) throw std::invalid_argument(fmt::format("window {} has size 0", w.name));
    if (w.base + w.size < w.base || w.base + w.size > (uint64_t(1) << 32))
        throw std::invalid_argument(
            fmt::format("window {} [{:#x}, +{:#x}) does not fit the 32-bit address space", w.name,
                        w.base, w.size));
    for (const Window& o : windows_) {
        if (w.base < o.base + o.size && o.base < w.base + w.size)
            throw std::invalid_argument(
                fmt::format("window {} [{:#x}, {:#x}) overlaps window {} [{:#x}, {:#x})", w.name,
                            w.base, w.base + w.size, o.name, o.base, o.base + o.size));
    }
    auto pos = std::lower_bound(windows_.begin(), windows_.end(), w.base,
                                [](const Window& a, uint64_t b) { return a.base < b; });
    windows_.insert(pos, std::move(w));
}

const AddressMap::Window* AddressMap::find(uint64_t addr) const {
    auto it = std::upper_bound(windows_.begin(), windows_.end(), addr,
                               [](uint64_t a, const Window& w) { return a < w.base; });
    if (it == windows_.begin()) return nullptr;
    const Window& w = *std::prev(it);
    return addr - w.base < w.size ? &w : nullptr;
}

const AddressMap::Window* AddressMap::find(uint64_t addr, uint64_t len) const {
    const Window* w = find(addr);
    return w && len <= w->size - (addr - w->base) ? w : nullptr;
}

}  // namespace accelvp
