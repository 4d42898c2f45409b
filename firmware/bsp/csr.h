/* CSR access for C, and the machine-mode CSR bits the BSP and the tests name.
 * The macros take the CSR by its assembler name (csr_read(mstatus)) so the compiler emits a
 * single csr* instruction; a constant 0..31 operand becomes the immediate form. */
#ifndef BSP_CSR_H
#define BSP_CSR_H

#ifndef __ASSEMBLER__
#include <stdint.h>

#define csr_read(csr) ({ uint32_t v_; \
    __asm__ volatile("csrr %0, " #csr : "=r"(v_) : : "memory"); v_; })
#define csr_write(csr, val) \
    __asm__ volatile("csrw " #csr ", %0" : : "rK"((uint32_t)(val)) : "memory")
#define csr_set(csr, bits) \
    __asm__ volatile("csrs " #csr ", %0" : : "rK"((uint32_t)(bits)) : "memory")
#define csr_clear(csr, bits) \
    __asm__ volatile("csrc " #csr ", %0" : : "rK"((uint32_t)(bits)) : "memory")
/* Atomic read-modify-write forms: return the old value. */
#define csr_swap(csr, val) ({ uint32_t v_; \
    __asm__ volatile("csrrw %0, " #csr ", %1" : "=r"(v_) : "rK"((uint32_t)(val)) : "memory"); v_; })
#define csr_read_set(csr, bits) ({ uint32_t v_; \
    __asm__ volatile("csrrs %0, " #csr ", %1" : "=r"(v_) : "rK"((uint32_t)(bits)) : "memory"); \
    v_; })
#define csr_read_clear(csr, bits) ({ uint32_t v_; \
    __asm__ volatile("csrrc %0, " #csr ", %1" : "=r"(v_) : "rK"((uint32_t)(bits)) : "memory"); \
    v_; })
#endif

#define MSTATUS_MIE      (1u << 3)
#define MSTATUS_MPIE     (1u << 7)
#define MSTATUS_MPP      (3u << 11)
#define MSTATUS_MPP_M    (3u << 11)
#define MSTATUS_MPP_U    (0u << 11)
#define MSTATUS_FS       (3u << 13)
#define MSTATUS_FS_OFF   (0u << 13)
#define MSTATUS_FS_INITIAL (1u << 13)
#define MSTATUS_FS_CLEAN (2u << 13)
#define MSTATUS_FS_DIRTY (3u << 13)
#define MSTATUS_SD       (1u << 31)

/* Machine interrupt numbers: bit positions in mie/mip and mcause's code for interrupts. */
#define IRQ_M_SOFT  3
#define IRQ_M_TIMER 7
#define IRQ_M_EXT   11
#define MIP_MSIP (1u << IRQ_M_SOFT)
#define MIP_MTIP (1u << IRQ_M_TIMER)
#define MIP_MEIP (1u << IRQ_M_EXT)

#define MCAUSE_INTERRUPT (1u << 31)

/* Exception causes (mcause with the interrupt bit clear). */
#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6 /* store or AMO */
#define CAUSE_STORE_ACCESS      7 /* store or AMO */
#define CAUSE_ECALL_U           8
#define CAUSE_ECALL_M          11

#define MTVEC_MODE_DIRECT   0u
#define MTVEC_MODE_VECTORED 1u

/* misa extension bit for letter c ('A'..'Z'). */
#define MISA_EXT(c) (1u << ((c) - 'A'))

#endif
