/* The ISA self-test runner. An image is a list of groups, each printing one line. Checks are
 * numbered 1, 2, ... across the image in execution order; the image exits with the number of
 * the first failed check (capped at ISA_MAX_EXIT_CODE, below the BSP's trap codes), 0 if all
 * passed.
 *   Assembly groups (isa_macros.h) stop at their first failed check and report the value they
 *   got and the one expected; their checks are numbered at assembly time.
 *   C groups use CHECK()/CHECK_EQ(), which count at run time and carry on after a failure. */
#ifndef ISA_TEST_H
#define ISA_TEST_H

#include <stdbool.h>
#include <stdint.h>

#define ISA_MAX_EXIT_CODE 63 /* 64..125 are the simulator's own exit codes */

void isa_check(bool ok, const char *file, int line, const char *what);
void isa_check_eq(uint32_t got, uint32_t want, const char *file, int line, const char *what);
#define CHECK(cond) isa_check((cond), __FILE__, __LINE__, #cond)
#define CHECK_EQ(got, want) \
    isa_check_eq((uint32_t)(got), (uint32_t)(want), __FILE__, __LINE__, #got)

void isa_run_c_group(const char *name, void (*fn)(void));
void isa_run_asm_group(const char *name, void (*entry)(void), uint32_t checks);
/* Declares and runs the assembly group TEST_GROUP name ... TEST_GROUP_END name. */
#define ISA_ASM_GROUP(name) \
    extern void isa_group_##name(void); \
    extern const uint32_t isa_checks_##name
#define RUN_ASM_GROUP(name, label) isa_run_asm_group(label, isa_group_##name, isa_checks_##name)

/* Prints the image's summary line and returns its exit code. */
int isa_finish(const char *image);

/* Exception capture for tests that provoke traps: while installed, every exception is
 * recorded here and execution resumes after the faulting instruction (for an instruction
 * fetch fault, at the return address in ra, as after a call). */
struct isa_trap_record {
    uint32_t count;
    uint32_t cause;
    uint32_t epc;
    uint32_t tval;
    uint32_t mstatus; /* at the trap: MPP and MPIE */
};
extern volatile struct isa_trap_record isa_trap;
void isa_catch_exceptions(void);
void isa_release_exceptions(void);
void isa_trap_clear(void);
/* True if exactly one exception of `cause` was taken since the last isa_trap_clear(). */
bool isa_trapped_once(uint32_t cause);
/* A check that exactly one exception of `cause` was taken, at `epc`, with mtval == `tval`;
 * prints what was recorded instead if not. */
void isa_check_trap(uint32_t cause, uint32_t epc, uint32_t tval, const char *file, int line);
#define CHECK_TRAP(cause, epc, tval) isa_check_trap((cause), (epc), (tval), __FILE__, __LINE__)

#endif
