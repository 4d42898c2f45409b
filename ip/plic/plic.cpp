#include "ip/plic/plic.h"

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace accelvp {

namespace {

// Priority and threshold are WARL: only the bits that can hold 0..PLIC_MAX_PRIORITY exist.
constexpr uint32_t kPriorityMask = PLIC_MAX_PRIORITY;
static_assert((PLIC_MAX_PRIORITY & (PLIC_MAX_PRIORITY + 1)) == 0,
              "PLIC_MAX_PRIORITY must be 2^n - 1 for the WARL mask");

// Bits of enable/pending word `word` that name existing sources (source 0 does not exist).
uint32_t source_mask(unsigned word, unsigned num_sources) {
    uint32_t mask = 0;
    for (unsigned bit = 0; bit < 32; ++bit) {
        unsigned source = word * 32 + bit;
        if (source != 0 && source < num_sources) mask |= uint32_t{1} << bit;
    }
    return mask;
}

}  // namespace

Plic::Plic(sc_core::sc_module_name name, sc_core::sc_time access_latency)
    : MmioDevice(name, access_latency) {
    RegisterBank& regs = registers();
    for (unsigned s = 1; s < kNumSources; ++s) {
        regs.add({"priority" + std::to_string(s), PLIC_PRIORITY(s), 4,
                  [this, s]() -> uint64_t { return priority_[s]; },
                  [this, s](uint64_t v) {
                      priority_[s] = static_cast<uint32_t>(v) & kPriorityMask;
                      update_meip();
                  }});
    }
    for (unsigned w = 0; w < kWords; ++w) {
        regs.add({"pending" + std::to_string(w), PLIC_PENDING(w), 4,
                  [this, w]() -> uint64_t { return pending_word(w); }, nullptr});
        regs.add({"enable" + std::to_string(w), PLIC_ENABLE(0) + 4 * w, 4,
                  [this, w]() -> uint64_t { return enable_[w]; },
                  [this, w](uint64_t v) { write_enable_word(w, static_cast<uint32_t>(v)); }});
    }
    regs.add({"threshold", PLIC_THRESHOLD(0), 4, [this]() -> uint64_t { return threshold_; },
              [this](uint64_t v) {
                  threshold_ = static_cast<uint32_t>(v) & kPriorityMask;
                  update_meip();
              }});
    regs.add({"claim_complete", PLIC_CLAIM(0), 4, [this]() -> uint64_t { return claim(); },
              [this](uint64_t v) { complete(static_cast<uint32_t>(v)); }});
}

bool Plic::debug_read_allowed(uint64_t offset) const {
    return offset != PLIC_CLAIM(0);
}

void Plic::set_irq(unsigned source, bool level) {
    if (source == 0 || source >= kNumSources)
        throw std::out_of_range(fmt::format("{}: interrupt source {} does not exist (1..{})",
                                            name(), source, kNumSources - 1));
    level_[source] = level;
    forward(source);
    update_meip();
}

bool Plic::enabled(unsigned source) const {
    return (enable_[source / 32] >> (source % 32)) & 1;
}

uint32_t Plic::pending_word(unsigned word) const {
    uint32_t bits = 0;
    for (unsigned bit = 0; bit < 32 && word * 32 + bit < kNumSources; ++bit)
        if (pending_[word * 32 + bit]) bits |= uint32_t{1} << bit;
    return bits;
}

void Plic::write_enable_word(unsigned word, uint32_t value) {
    enable_[word] = value & source_mask(word, kNumSources);
    update_meip();
}

void Plic::forward(unsigned source) {
    if (level_[source] && !in_flight_[source] && !pending_[source]) {
        pending_[source] = true;
        in_flight_[source] = true;
    }
}

uint32_t Plic::claim() {
    unsigned best = 0;
    for (unsigned s = 1; s < kNumSources; ++s) {
        if (pending_[s] && enabled(s) && priority_[s] > 0 &&
            (best == 0 || priority_[s] > priority_[best]))
            best = s;
    }
    if (best != 0) {
        pending_[best] = false;
        ++claims_;
        update_meip();
    }
    return best;
}

void Plic::complete(uint32_t source) {
    if (source == 0 || source >= kNumSources || !enabled(source)) return;
    if (!in_flight_[source]) return;
    ++completions_;
    in_flight_[source] = false;
    forward(source);
    update_meip();
}

void Plic::update_meip() {
    bool level = false;
    for (unsigned s = 1; s < kNumSources && !level; ++s)
        level = pending_[s] && enabled(s) && priority_[s] > threshold_;
    meip_irq.set(level);
}

}  // namespace accelvp
