# Runs one firmware image (or bad input) on the simulator and checks how the run ended: what
# run_firmware.cmake checks, and also the error line, the summary line, uart.log and stats.json.
# Inputs:
#   SIM, ELF, OUT            the simulator, the firmware, the run folder (removed first)
#   ARGS                     extra arguments, before the firmware (list)
#   EXPECT_EXIT              the exit status
#   EXPECT_ERROR             regex the one `accelvp: error: ...` line must match; empty: the run
#                            must print no such line
#   EXPECT_LOG               regex uart.log must match (uart.log must then exist)
#   EXPECT_OUTPUT            regex standard output must match (optional)
#   EXPECT_STATS             regex stats.json must match (optional)
#   FILES                    run-folder files that must exist; NO_FILES: files that must not
#   BOOTED                   ON: the run booted, so it ends with the summary line
#                            `accelvp: exit <EXPECT_EXIT> | ...` and stats.json holds
#                            "exit_code": EXPECT_EXIT
#   HOST_TIMEOUT             seconds the run may take on the host (default 60): a run that
#                            should end on its own (trap loop, hang) must not need a test timeout
file(REMOVE_RECURSE ${OUT})
if(NOT HOST_TIMEOUT)
  set(HOST_TIMEOUT 60)
endif()
execute_process(
  COMMAND ${SIM} run --out ${OUT} ${ARGS} ${ELF}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE stdout
  ERROR_VARIABLE stderr
  TIMEOUT ${HOST_TIMEOUT})
message("${stdout}")
message("${stderr}")
if(NOT "${status}" MATCHES "^[0-9]+$")
  message(FATAL_ERROR "the run did not end within ${HOST_TIMEOUT} s on the host (${status}); "
                      "expected exit status ${EXPECT_EXIT}")
endif()
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_EXIT}")
endif()
if(EXPECT_OUTPUT AND NOT stdout MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "output does not match '${EXPECT_OUTPUT}'")
endif()

# Exactly one error line, naming the problem; none when the firmware ended the run. (Counted
# without the rest of the line, which may hold ';', a list separator.)
string(REGEX MATCHALL "(^|\n)accelvp: error: " errors "${stderr}")
list(LENGTH errors error_count)
string(REGEX MATCH "accelvp: error: [^\n]*" error_line "${stderr}")
if(EXPECT_ERROR)
  if(NOT error_count EQUAL 1)
    message(FATAL_ERROR "${error_count} 'accelvp: error:' lines on standard error, expected one")
  endif()
  if(NOT error_line MATCHES "${EXPECT_ERROR}")
    message(FATAL_ERROR "the error line does not match '${EXPECT_ERROR}'")
  endif()
elseif(NOT error_count EQUAL 0)
  message(FATAL_ERROR "unexpected error line: ${error_line}")
endif()

if(BOOTED)
  if(NOT stderr MATCHES "(^|\n)accelvp: exit ${EXPECT_EXIT} \\| [0-9]+ instructions \\|")
    message(FATAL_ERROR "no summary line 'accelvp: exit ${EXPECT_EXIT} | ...'")
  endif()
  list(APPEND FILES stats.json)
endif()
foreach(f ${FILES})
  if(NOT EXISTS ${OUT}/${f})
    message(FATAL_ERROR "the run folder lacks ${f}")
  endif()
endforeach()
foreach(f ${NO_FILES})
  if(EXISTS ${OUT}/${f})
    message(FATAL_ERROR "the run folder has ${f}, which this run must not write")
  endif()
endforeach()

if(BOOTED)
  file(READ ${OUT}/stats.json stats)
  if(NOT stats MATCHES "\"exit_code\": ${EXPECT_EXIT}[,\n ]")
    message(FATAL_ERROR "stats.json does not hold \"exit_code\": ${EXPECT_EXIT}")
  endif()
endif()
if(EXPECT_STATS)
  file(READ ${OUT}/stats.json stats)
  if(NOT stats MATCHES "${EXPECT_STATS}")
    message(FATAL_ERROR "stats.json does not match '${EXPECT_STATS}'")
  endif()
endif()
if(DEFINED EXPECT_LOG AND NOT "${EXPECT_LOG}" STREQUAL "")
  if(NOT EXISTS ${OUT}/uart.log)
    message(FATAL_ERROR "the run folder lacks uart.log")
  endif()
  file(READ ${OUT}/uart.log log)
  if(NOT log MATCHES "${EXPECT_LOG}")
    message(FATAL_ERROR "uart.log does not match '${EXPECT_LOG}'; it holds:\n${log}")
  endif()
endif()
