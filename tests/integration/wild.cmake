# Wild input: firmware that misbehaves on purpose (firmware/tests/wild) and files that are no
# firmware at all. The simulator must never crash or hang: each case ends with one
# `accelvp: error: ...` line naming the problem, its own exit code (docs/command-line.md), and
# a run folder that keeps what was written. Included from CMakeLists.txt (FW, RUN_DIR).

# wild_run_test(NAME ELF EXIT code [ERROR regex] [LOG regex] [OUTPUT regex] [STATS regex]
#               [BOOTED] [FILES f...] [NO_FILES f...] [HOST_TIMEOUT s] [FIXTURE name]
#               [OUT dir] [ARGS ...])
# Runs run_and_check_log.cmake: ERROR is matched against the single `accelvp: error:` line
# (none allowed without ERROR); LOG against uart.log, STATS against stats.json; BOOTED: the
# run got as far as the firmware, so the summary line and stats.json (with the exit code)
# must be there. HOST_TIMEOUT (default 60 s) bounds the run on the host: the cases that must
# end on their own (trap loops, hangs) get a short one. OUT: the run folder (default
# RUN_DIR/NAME).
function(wild_run_test name elf)
  cmake_parse_arguments(T "BOOTED" "EXIT;ERROR;LOG;OUTPUT;STATS;HOST_TIMEOUT;FIXTURE;OUT"
                        "ARGS;FILES;NO_FILES" ${ARGN})
  if(NOT DEFINED T_OUT)
    set(T_OUT ${RUN_DIR}/${name})
  endif()
  if(NOT DEFINED T_HOST_TIMEOUT)
    set(T_HOST_TIMEOUT 60)
  endif()
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND}
      -DSIM=$<TARGET_FILE:accelvp> -DELF=${elf} -DOUT=${T_OUT}
      -DEXPECT_EXIT=${T_EXIT} "-DEXPECT_ERROR=${T_ERROR}" "-DEXPECT_LOG=${T_LOG}"
      "-DEXPECT_OUTPUT=${T_OUTPUT}" "-DEXPECT_STATS=${T_STATS}"
      "-DARGS=${T_ARGS}" "-DFILES=${T_FILES}" "-DNO_FILES=${T_NO_FILES}"
      -DBOOTED=${T_BOOTED} -DHOST_TIMEOUT=${T_HOST_TIMEOUT}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/run_and_check_log.cmake)
  set_tests_properties(${name} PROPERTIES LABELS "integration;wild" TIMEOUT 150)
  if(T_FIXTURE)
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED ${T_FIXTURE})
  endif()
endfunction()

# --- Firmware the simulator must stop on its own, quickly, with no limit given -------------
# Every one of them printed a line first: uart.log must keep it, stats.json must be written.

# mtvec = 0x0 (unmapped), then an illegal instruction: every trap faults fetching its handler.
wild_run_test(wild.trap_loop ${FW}/wild_trap_loop.elf EXIT 121 BOOTED HOST_TIMEOUT 20
  ERROR "accelvp: error: trap loop: exception cause 1 .*mtvec = 0x00000000"
  LOG "wild_trap_loop: mtvec = 0x0 \\(unmapped\\), now an illegal instruction\n")
# A handler that mrets to the illegal instruction it did not fix.
wild_run_test(wild.retry_loop ${FW}/wild_retry_loop.elf EXIT 121 BOOTED HOST_TIMEOUT 20
  ERROR "accelvp: error: trap loop: exception cause 2 \\(tval 0xc0001073\\) at pc 0x8[0-9a-f]+"
  LOG "wild_retry_loop: handler returns to the illegal instruction unchanged\n")
# ... and sim.trap_loop_limit sets how many rounds that takes (10 after the first).
wild_run_test(wild.retry_loop.limit_10 ${FW}/wild_retry_loop.elf EXIT 121 BOOTED
  HOST_TIMEOUT 20 ARGS -p sim.trap_loop_limit=10
  ERROR "accelvp: error: trap loop: exception cause 2 .* taken 1[01] times"
  LOG "wild_retry_loop: handler returns")
# The handler's first instruction (ebreak) traps itself.
wild_run_test(wild.handler_traps ${FW}/wild_handler_traps.elf EXIT 121 BOOTED HOST_TIMEOUT 20
  ERROR "accelvp: error: trap loop: exception cause 3 .*without progress"
  LOG "wild_handler_traps: the handler starts with ebreak, now ecall\n")
# No false alarm: 15000 exceptions from three pcs, each stepped over by the handler.
wild_run_test(wild.trap_progress ${FW}/wild_trap_progress.elf EXIT 0 BOOTED HOST_TIMEOUT 20
  LOG "wild_trap_progress: all 15000 traps handled\n")
# wfi with every interrupt disabled in mie.
wild_run_test(wild.wfi_forever ${FW}/wild_wfi_forever.elf EXIT 122 BOOTED HOST_TIMEOUT 20
  ERROR "accelvp: error: WFI at pc 0x8[0-9a-f]+ with every interrupt disabled in mie"
  LOG "wild_wfi_forever: mie = 0, wfi\n")
# wfi with the timer enabled but mtimecmp all ones: no event is left that could wake it.
wild_run_test(wild.wfi_no_timer ${FW}/wild_wfi_no_timer.elf EXIT 122 BOOTED HOST_TIMEOUT 20
  ERROR "accelvp: error: .*WFI at pc 0x8[0-9a-f]+ and no event is left that could wake it"
  LOG "wild_wfi_no_timer: mie = MTIE, mtimecmp = all ones, wfi\n")
# Not a hang: a wfi with the timer due in 10 s of simulated time. The simulator must skip the
# idle time (the host timeout is short) and wake the hart; --max-time ends the sleep early.
wild_run_test(wild.wfi_far_timer ${FW}/wild_wfi_far_timer.elf EXIT 0 BOOTED HOST_TIMEOUT 20
  STATS "\"sim_time_ns\": 1000000[0-9][0-9][0-9][0-9][^0-9]"
  LOG "wild_wfi_far_timer: timer in 10 s, wfi\nwild_wfi_far_timer: timer interrupt after")
wild_run_test(wild.wfi_far_timer.max_time ${FW}/wild_wfi_far_timer.elf EXIT 124 BOOTED
  HOST_TIMEOUT 20 ARGS --max-time 1ms
  ERROR "accelvp: error: time limit reached at 1000000 ns"
  LOG "wild_wfi_far_timer: timer in 10 s, wfi\n$")

# --- Firmware only a limit ends: `j .` after one line ---------------------------------------
wild_run_test(wild.runaway.max_instructions ${FW}/wild_runaway.elf EXIT 125 BOOTED
  ARGS --max-instructions 100000
  ERROR "accelvp: error: instruction limit reached: 100000 instructions"
  STATS "\"instructions\": 100000,"
  LOG "wild_runaway: looping forever now\n")
wild_run_test(wild.runaway.max_time ${FW}/wild_runaway.elf EXIT 124 BOOTED
  ARGS --max-time 1ms
  ERROR "accelvp: error: time limit reached at 1000000 ns"
  LOG "wild_runaway: looping forever now\n")

# An interrupt the handler never clears: the limits still end the run.
wild_run_test(wild.irq_storm.max_instructions ${FW}/wild_irq_storm.elf EXIT 125 BOOTED
  ARGS --max-instructions 100000
  ERROR "accelvp: error: instruction limit reached: 100000 instructions"
  STATS "\"instructions\": 100000,"
  LOG "wild_irq_storm: msip set and never cleared\n$")
wild_run_test(wild.irq_storm.max_time ${FW}/wild_irq_storm.elf EXIT 124 BOOTED
  ARGS --max-time 1ms
  ERROR "accelvp: error: time limit reached at 1000000 ns"
  LOG "wild_irq_storm: msip set and never cleared\n$")

# --- Firmware that sees its own faults (BSP handlers) and exits 0 ---------------------------
wild_run_test(wild.unmapped_jump ${FW}/wild_unmapped_jump.elf EXIT 0 BOOTED
  OUTPUT "wild_unmapped_jump: all [0-9]+ checks passed"
  LOG "call to unmapped 0x09000000: traps=1 mcause=1 mepc=0x09000000 mtval=0x09000000 ok")
wild_run_test(wild.unmapped_load ${FW}/wild_unmapped_load.elf EXIT 0 BOOTED
  OUTPUT "wild_unmapped_load: all [0-9]+ checks passed"
  LOG "lw reserved sdpa window 0x11010000: traps=1 mcause=5 mepc=the access mtval=0x11010000 ok")

# --- Firmware the loader must refuse (65), naming the segment -------------------------------
# Nothing is run: config.json is written, stats.json is not.
wild_run_test(wild.outside_memory ${FW}/wild_outside_memory.elf EXIT 65
  FILES config.json NO_FILES stats.json
  ERROR "wild_outside_memory.elf: segment \\[0x50000000, 0x[0-9a-f]+\\) .*does not fit in any")
wild_run_test(wild.straddle_memory ${FW}/wild_straddle_memory.elf EXIT 65
  FILES config.json NO_FILES stats.json
  ERROR "wild_straddle_memory.elf: segment \\[0x8ffffff0, 0x9[0-9a-f]+\\) .*'soc.dram'.* past its end")
wild_run_test(wild.bss_overflow ${FW}/wild_bss_overflow.elf EXIT 65
  FILES config.json NO_FILES stats.json
  ERROR "wild_bss_overflow.elf: segment \\[0x800000[0-9a-f]+, 0x900000[0-9a-f]+\\) .* past its end")
# The same image fits a board with 512 MiB of DRAM: the check uses the configured memories.
wild_run_test(wild.bss_overflow.big_dram ${FW}/wild_bss_overflow.elf EXIT 0 BOOTED
  ARGS -p soc.dram.size=0x2000_0000
  LOG "wild placed program: loaded and running\n")

# --- Files that are no valid firmware --------------------------------------------------------
# Cut-off copies of hello.elf, written at test time by a fixture.
set(WILD_INPUTS ${RUN_DIR}/wild-inputs)
find_program(WILD_HEAD head)
if(WILD_HEAD)
  add_test(NAME wild.make_truncated
    COMMAND ${CMAKE_COMMAND} -DSRC=${FW}/hello.elf -DDIR=${WILD_INPUTS} -DHEAD=${WILD_HEAD}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/make_truncated.cmake)
  set_tests_properties(wild.make_truncated PROPERTIES
    LABELS "integration;wild" FIXTURES_SETUP wild_truncated)
  accelvp_boot_test(bad.truncated_elf ${WILD_INPUTS}/hello-300.elf EXIT 65 FILES config.json
                    STDERR "accelvp: error: .*hello-300.elf: truncated")
  accelvp_boot_test(bad.truncated_header ${WILD_INPUTS}/hello-40.elf EXIT 65 FILES config.json
                    STDERR "accelvp: error: .*hello-40.elf: truncated: 40 bytes")
  accelvp_boot_test(bad.empty_elf ${WILD_INPUTS}/empty.elf EXIT 65 FILES config.json
                    STDERR "accelvp: error: .*empty.elf: not an ELF file \\(it is empty\\)")
  set_tests_properties(bad.truncated_elf bad.truncated_header bad.empty_elf PROPERTIES
    FIXTURES_REQUIRED wild_truncated)
endif()
# A 64-bit ELF: the simulator's own executable (x86-64 or whatever the host is).
accelvp_boot_test(bad.elf64 $<TARGET_FILE:accelvp> EXIT 65 FILES config.json
                  STDERR "accelvp: error: .*a 64-bit ELF .*RV32")
# A directory given as the firmware.
accelvp_boot_test(bad.directory ${CMAKE_CURRENT_SOURCE_DIR} EXIT 66 FILES config.json
                  STDERR "accelvp: error: .*is a directory")

# --- Bad configuration (78) ------------------------------------------------------------------
# data/bad_board.json: a trailing comma on line 3; the message gives line and column.
accelvp_boot_test(bad.config_json ${FW}/hello.elf EXIT 78 NO_FOLDER
                  ARGS --config ${CMAKE_CURRENT_SOURCE_DIR}/data/bad_board.json
                  STDERR "accelvp: error: .*bad_board.json: not valid JSON: .*line 3, column")
# data/unknown_key_board.json: valid JSON naming a key the default board does not have.
accelvp_boot_test(bad.config_unknown_key ${FW}/hello.elf EXIT 78 NO_FOLDER
                  ARGS --config ${CMAKE_CURRENT_SOURCE_DIR}/data/unknown_key_board.json
                  STDERR "accelvp: error: .*unknown configuration key 'sim.colour'")
accelvp_boot_test(bad.clock_hz_zero ${FW}/hello.elf EXIT 78 FILES config.json
                  ARGS -p soc.cpu.clock_hz=0
                  STDERR "accelvp: error: .*soc.cpu.clock_hz = 0 is out of range")

# --- A run folder that cannot be created (73): its parent is a file --------------------------
wild_run_test(bad.unwritable_out ${FW}/hello.elf EXIT 73
  OUT ${CMAKE_CURRENT_SOURCE_DIR}/wild.cmake/run
  ERROR "accelvp: error: cannot create the run folder .*wild.cmake/run")

# --- Command-line errors and an exact time limit ------------------------------------------
# `--max-instructions -5` is refused, not taken as a huge count.
wild_run_test(bad.max_instructions_negative ${FW}/hello.elf EXIT 64
  ARGS --max-instructions -5 ERROR "accelvp: error: .*max-instructions")
# Errors found by the command-line parser print one `accelvp: error:` line too.
wild_run_test(bad.unknown_option ${FW}/hello.elf EXIT 64
  ARGS --bogus ERROR "accelvp: error: .*--bogus")
# --max-time 1ms on a `j .` loop stops at 1 ms, not at the end of the quantum it falls in:
# the hart finishes the instruction under way (a jump costs 3 cycles, 3 ns by default).
wild_run_test(wild.runaway.max_time_exact ${FW}/wild_runaway.elf EXIT 124 BOOTED
  ARGS --max-time 1ms ERROR "accelvp: error: time limit reached at 1000000 ns"
  STATS "\"sim_time_ns\": 100000[0-2][^0-9]")

# --- Determinism: two runs, byte-identical run folders but for host_seconds and mips --------
function(wild_determinism_test name elf)
  cmake_parse_arguments(T "" "EXIT" "ARGS" ${ARGN})
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND}
      -DSIM=$<TARGET_FILE:accelvp> -DELF=${elf} -DOUT=${RUN_DIR}/${name}
      -DEXPECT_EXIT=${T_EXIT} "-DARGS=${T_ARGS}"
      -P ${CMAKE_CURRENT_SOURCE_DIR}/determinism.cmake)
  set_tests_properties(${name} PROPERTIES LABELS integration TIMEOUT 300)
endfunction()
wild_determinism_test(determinism.hello ${FW}/hello.elf)
wild_determinism_test(determinism.interrupts ${FW}/interrupts.elf)
# Runs that a limit or the simulator ends are just as repeatable.
wild_determinism_test(determinism.max_time ${FW}/interrupts.elf EXIT 124 ARGS --max-time 20us)
wild_determinism_test(determinism.max_instructions ${FW}/wild_runaway.elf EXIT 125
                      ARGS --max-instructions 100000)
wild_determinism_test(determinism.trap_loop ${FW}/wild_retry_loop.elf EXIT 121)

# --- Ctrl-C: SIGINT ends an endless run with 130 and a complete run folder ------------------
# The run never ends by itself, so the outcome does not depend on when the signal arrives.
add_test(NAME wild.sigint
  COMMAND sh -c "timeout --preserve-status -s INT 2 \"$0\" run --out \"$1\" \"$2\"; status=$?; \
test $status -eq 130 && test -f \"$1/stats.json\" && grep -q wild_runaway \"$1/uart.log\" \
|| { echo \"exit $status\"; exit 1; }"
          $<TARGET_FILE:accelvp> ${RUN_DIR}/wild.sigint ${FW}/wild_runaway.elf)
set_tests_properties(wild.sigint PROPERTIES LABELS "integration;wild" TIMEOUT 60)
