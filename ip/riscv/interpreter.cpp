// The hart's run loop: a direct-threaded interpreter over the decode cache.
//
// Integer instructions execute inline, each case ending in its own indirect jump to the
// next instruction's case (GCC's labels as values), so the host's branch predictor sees one
// dispatch site per instruction kind. pc, cycle, instret and the current code page live in
// registers; they are written back to the Hart (SYNC_OUT) before anything that may look at
// them (handlers of Op::Call instructions, slow memory paths that reach the bus or trap,
// attention) and read back (SYNC_IN) afterwards. attention_ can only be raised from inside
// such a call (or while the hart is not running), so inline cases do not test it.
#include <climits>
#include <cstring>

#include "ip/riscv/decode.h"
#include "ip/riscv/hart.h"

namespace accelvp::rv {

RunResult Hart::run(uint64_t cycle_limit, uint64_t instret_limit) {
    static void* const kLabels[] = {
        &&op_Decode, &&op_Call,
#define ACCELVP_RV_LABEL(name) &&op_##name,
        ACCELVP_RV_INLINE_OPS(ACCELVP_RV_LABEL)
#undef ACCELVP_RV_LABEL
    };
    static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == size_t(Op::Count));

    RunResult result = RunResult::LimitReached;
    if (attention_ && service_attention(result)) return result;

    uint32_t pc_ = pc;
    uint64_t cycle_ = cycle, instret_ = instret;
    uint32_t* const X = x;
    CodePage* page = cur_page_;
    uint64_t page_base = cur_page_base_;
    const DecodedInsn* d;
    uint64_t off;

#define SYNC_OUT() (pc = pc_, cycle = cycle_, instret = instret_)
#define SYNC_IN() (pc_ = pc, cycle_ = cycle, instret_ = instret)
#define FETCH()                                                        \
    off = uint64_t(pc_) - page_base;                                   \
    if (ACCELVP_UNLIKELY(off >= kPageBytes)) goto enter_page_slow;     \
    d = &page->insn[off >> 1];                                         \
    goto* kLabels[size_t(d->op)]
// Retires the instruction in d, then goes on to the next unless a limit is reached.
#define DISPATCH()                                                                  \
    cycle_ += d->cycles;                                                            \
    ++instret_;                                                                     \
    if (ACCELVP_UNLIKELY((cycle_ >= cycle_limit) | (instret_ >= instret_limit)))    \
        goto checks;                                                                \
    FETCH()
// The same after a call out of the loop, which may have raised attention_.
#define DISPATCH_AFTER_CALL()                                                       \
    if (ACCELVP_UNLIKELY(attention_)) {                                             \
        cycle_ += d->cycles;                                                        \
        ++instret_;                                                                 \
        goto checks;                                                                \
    }                                                                               \
    DISPATCH()
#define NEXT_PC() (pc_ += d->len)
#define RS1 X[d->rs1]
#define RS2 X[d->rs2]
#define SRS1 int32_t(X[d->rs1])
#define SRS2 int32_t(X[d->rs2])
#define ALU(name, expr)             \
    op_##name : X[d->rd] = (expr);  \
    NEXT_PC();                      \
    DISPATCH();
#define BRANCH(name, cond)                                        \
    op_##name : if (cond) {                                       \
        pc_ += uint32_t(d->imm);                                  \
        cycle_ += costs.branch_taken - costs.branch;              \
    }                                                             \
    else NEXT_PC();                                               \
    DISPATCH();
#define LOAD(name, T)                                                                 \
    op_##name : {                                                                     \
        uint32_t addr = RS1 + uint32_t(d->imm);                                       \
        uint64_t o = uint64_t(addr - rd_.base);                                       \
        T value;                                                                      \
        if (ACCELVP_LIKELY(o + sizeof(T) <= rd_.size)) {                              \
            std::memcpy(&value, rd_.host + o, sizeof(T));                             \
            X[d->rd] = uint32_t(value);                                               \
            NEXT_PC();                                                                \
            DISPATCH();                                                               \
        }                                                                             \
        SYNC_OUT();                                                                   \
        bool ok = load_slow(addr, &value, sizeof(T), cause::kLoadAccessFault);        \
        SYNC_IN();                                                                    \
        if (ok) {                                                                     \
            X[d->rd] = uint32_t(value);                                               \
            NEXT_PC();                                                                \
        }                                                                             \
        DISPATCH_AFTER_CALL();                                                        \
    }
#define STORE(name, T)                                                                 \
    op_##name : {                                                                      \
        uint32_t addr = RS1 + uint32_t(d->imm);                                        \
        uint64_t o = uint64_t(addr - wr_.base);                                        \
        T value = T(RS2);                                                              \
        if (ACCELVP_LIKELY(o + sizeof(T) <= wr_.size &&                                \
                           !(page_flags_[addr >> 12] |                                 \
                             page_flags_[(addr + sizeof(T) - 1) >> 12]))) {            \
            std::memcpy(wr_.host + o, &value, sizeof(T));                              \
            NEXT_PC();                                                                 \
            DISPATCH();                                                                \
        }                                                                              \
        SYNC_OUT();                                                                    \
        bool ok = store_slow(addr, &value, sizeof(T), cause::kStoreAccessFault);       \
        SYNC_IN();                                                                     \
        if (ok) NEXT_PC();                                                             \
        DISPATCH_AFTER_CALL();                                                         \
    }

    FETCH();

op_Decode: {
    // A decode stub: decode in place and go to the real case; decoding retires nothing.
    SYNC_OUT();
    uint32_t raw;
    if (!fetch_raw(pc_, raw)) {
        raise(cause::kInsnAccessFault, mtval);
        SYNC_IN();
        DISPATCH_AFTER_CALL();
    }
    auto& slot = const_cast<DecodedInsn&>(*d);  // the slot lives in a CodePage we own
    slot = decode(raw, costs);
    page_flags_[pc_ >> 12] |= kCode;
    if ((pc_ & (kPageBytes - 1)) + slot.len > kPageBytes) page_flags_[(pc_ >> 12) + 1] |= kCode;
    goto* kLabels[size_t(d->op)];
}

op_Call: {
    SYNC_OUT();
    uint32_t next = d->exec(*this, *d, pc_);
    SYNC_IN();
    pc_ = next;
    DISPATCH_AFTER_CALL();
}

    ALU(Lui, uint32_t(d->imm))
    ALU(Auipc, pc_ + uint32_t(d->imm))
op_Jal:
    X[d->rd] = pc_ + d->len;
    pc_ += uint32_t(d->imm);
    DISPATCH();
op_Jalr: {
    uint32_t target = (RS1 + uint32_t(d->imm)) & ~1u;
    X[d->rd] = pc_ + d->len;
    pc_ = target;
    DISPATCH();
}
    BRANCH(Beq, RS1 == RS2)
    BRANCH(Bne, RS1 != RS2)
    BRANCH(Blt, SRS1 < SRS2)
    BRANCH(Bge, SRS1 >= SRS2)
    BRANCH(Bltu, RS1 < RS2)
    BRANCH(Bgeu, RS1 >= RS2)
    LOAD(Lb, int8_t)
    LOAD(Lh, int16_t)
    LOAD(Lw, uint32_t)
    LOAD(Lbu, uint8_t)
    LOAD(Lhu, uint16_t)
    STORE(Sb, uint8_t)
    STORE(Sh, uint16_t)
    STORE(Sw, uint32_t)
    ALU(Addi, RS1 + uint32_t(d->imm))
    ALU(Slti, SRS1 < d->imm)
    ALU(Sltiu, RS1 < uint32_t(d->imm))
    ALU(Xori, RS1 ^ uint32_t(d->imm))
    ALU(Ori, RS1 | uint32_t(d->imm))
    ALU(Andi, RS1 & uint32_t(d->imm))
    ALU(Slli, RS1 << d->imm)
    ALU(Srli, RS1 >> d->imm)
    ALU(Srai, uint32_t(SRS1 >> d->imm))
    ALU(Add, RS1 + RS2)
    ALU(Sub, RS1 - RS2)
    ALU(Sll, RS1 << (RS2 & 31))
    ALU(Slt, SRS1 < SRS2)
    ALU(Sltu, RS1 < RS2)
    ALU(Xor, RS1 ^ RS2)
    ALU(Srl, RS1 >> (RS2 & 31))
    ALU(Sra, uint32_t(SRS1 >> (RS2 & 31)))
    ALU(Or, RS1 | RS2)
    ALU(And, RS1 & RS2)
    ALU(Mul, RS1 * RS2)
    ALU(Mulh, uint32_t((int64_t(SRS1) * int64_t(SRS2)) >> 32))
    ALU(Mulhsu, uint32_t((int64_t(SRS1) * int64_t(uint64_t(RS2))) >> 32))
    ALU(Mulhu, uint32_t((uint64_t(RS1) * uint64_t(RS2)) >> 32))
    // Division never traps on RISC-V: by zero gives all ones (quotient) or the dividend
    // (remainder); INT_MIN / -1 overflows to INT_MIN with remainder 0.
    ALU(Div, RS2 == 0 ? ~0u
             : (SRS1 == INT_MIN && SRS2 == -1) ? uint32_t(INT_MIN)
                                                : uint32_t(SRS1 / SRS2))
    ALU(Divu, RS2 == 0 ? ~0u : RS1 / RS2)
    ALU(Rem, RS2 == 0 ? RS1 : (SRS1 == INT_MIN && SRS2 == -1) ? 0u : uint32_t(SRS1 % SRS2))
    ALU(Remu, RS2 == 0 ? RS1 : RS1 % RS2)

enter_page_slow:
    SYNC_OUT();
    d = enter_page(pc_);
    page = cur_page_;
    page_base = cur_page_base_;
    goto* kLabels[size_t(d->op)];

checks:
    SYNC_OUT();
    if (attention_) {
        if (service_attention(result)) return result;
        SYNC_IN();  // an interrupt may have been taken
    }
    if (cycle_ >= cycle_limit || instret_ >= instret_limit) return RunResult::LimitReached;
    FETCH();

#undef SYNC_OUT
#undef SYNC_IN
#undef FETCH
#undef DISPATCH
#undef DISPATCH_AFTER_CALL
#undef NEXT_PC
#undef RS1
#undef RS2
#undef SRS1
#undef SRS2
#undef ALU
#undef BRANCH
#undef LOAD
#undef STORE
}

}  // namespace accelvp::rv
