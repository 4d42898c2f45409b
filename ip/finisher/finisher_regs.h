/* Test finisher, SiFive-test compatible: one 32-bit register at offset 0. Shared by model and
 * firmware. */
#ifndef ACCELVP_FINISHER_REGS_H
#define ACCELVP_FINISHER_REGS_H

#define FINISHER_REG      0x0
#define FINISHER_PASS     0x5555 /* exit 0 */
#define FINISHER_FAIL     0x3333 /* exit (value >> 16) */
#define FINISHER_RESET    0x7777 /* not supported by this board: answered with an error */

#endif
