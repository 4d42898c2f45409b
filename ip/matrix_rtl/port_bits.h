// Moves packed fields between C++ values and the ports of a Verilated SystemC model, whose
// type depends on the port's width: bool (1 bit), uint32_t (up to 32), uint64_t (up to 64)
// or sc_bv<W> (wider). The fields are packed little-endian into 32-bit words first.
#pragma once

#include <cstdint>
#include <systemc>
#include <vector>

namespace accelvp::matrix {

class PackedBits {
public:
    explicit PackedBits(uint32_t bits) : words_((bits + 31) / 32, 0) {}

    void clear() { std::fill(words_.begin(), words_.end(), 0); }
    // Field i of `width` bits (width divides 32 or is a multiple of 32 here: 1, 16 or 32).
    void set(uint32_t index, uint32_t width, uint32_t value) {
        const uint64_t bit = uint64_t{index} * width;
        words_[bit / 32] |= (width == 32 ? value : value & ((1u << width) - 1)) << (bit % 32);
    }
    uint32_t get(uint32_t index, uint32_t width) const {
        const uint64_t bit = uint64_t{index} * width;
        const uint32_t word = words_[bit / 32] >> (bit % 32);
        return width == 32 ? word : word & ((1u << width) - 1);
    }
    uint32_t word(size_t i) const { return i < words_.size() ? words_[i] : 0; }
    uint32_t& word(size_t i) { return words_[i]; }
    size_t words() const { return words_.size(); }

    template <class T>
    T to_port() const;
    template <class T>
    void from_port(const T& value);

private:
    std::vector<uint32_t> words_;
};

template <>
inline bool PackedBits::to_port<bool>() const {
    return word(0) & 1;
}
template <>
inline uint32_t PackedBits::to_port<uint32_t>() const {
    return word(0);
}
template <>
inline uint64_t PackedBits::to_port<uint64_t>() const {
    return word(0) | uint64_t{word(1)} << 32;
}
template <class T>
T PackedBits::to_port() const {  // sc_bv<W>
    T value;
    for (size_t i = 0; i < words_.size(); ++i) value.set_word(int(i), words_[i]);
    return value;
}

template <>
inline void PackedBits::from_port<bool>(const bool& value) {
    words_[0] = value;
}
template <>
inline void PackedBits::from_port<uint32_t>(const uint32_t& value) {
    words_[0] = value;
}
template <>
inline void PackedBits::from_port<uint64_t>(const uint64_t& value) {
    words_[0] = uint32_t(value);
    if (words_.size() > 1) words_[1] = uint32_t(value >> 32);
}
template <class T>
void PackedBits::from_port(const T& value) {  // sc_bv<W>
    for (size_t i = 0; i < words_.size(); ++i) words_[i] = value.get_word(int(i));
}

}  // namespace accelvp::matrix
