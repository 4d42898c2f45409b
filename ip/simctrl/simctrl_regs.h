/* Simulation control: region-of-interest markers, host-side checks and a view of simulated
 * time, for firmware that measures itself. 32-bit registers. Shared by model and firmware. */
#ifndef ACCELVP_SIMCTRL_REGS_H
#define ACCELVP_SIMCTRL_REGS_H

#define SIMCTRL_ID          0x00 /* read: SIMCTRL_ID_VALUE */
#define SIMCTRL_ROI_BEGIN   0x04 /* write id: a region of interest starts (stats snapshot) */
#define SIMCTRL_ROI_END     0x08 /* write id: it ends; its statistics are reported apart */
#define SIMCTRL_CHECK_PASS  0x0C /* write id: a firmware check passed (counted) */
#define SIMCTRL_CHECK_FAIL  0x10 /* write id: a firmware check failed (counted and logged) */
#define SIMCTRL_TIME_NS_LO  0x14 /* read: simulated time in ns, low word (latches the high word) */
#define SIMCTRL_TIME_NS_HI  0x18 /* read: high word latched by the last TIME_NS_LO read */

#define SIMCTRL_ID_VALUE 0x53505641u /* "AVPS" */

#endif
