# Determinism: the same firmware, configuration and options run twice give byte-identical
# run folders (docs/command-line.md), except the two numbers that measure the host:
# sim.host_seconds and sim.mips in stats.json. Compares uart.log and config.json byte for
# byte, and stats.json byte for byte once the lines holding those two keys are removed.
# Inputs: SIM, ELF, OUT (the two runs go to OUT/run1 and OUT/run2), ARGS (list),
# EXPECT_EXIT (default 0), HOST_TIMEOUT (seconds per run, default 120).
# RUN2_ARGS (list, optional): options only the second run gets, for two configurations that
# must behave identically (the matrix engine's model and RTL backends); config.json is then
# not compared.
if(NOT DEFINED EXPECT_EXIT OR "${EXPECT_EXIT}" STREQUAL "")
  set(EXPECT_EXIT 0)
endif()
if(NOT HOST_TIMEOUT)
  set(HOST_TIMEOUT 120)
endif()
file(REMOVE_RECURSE ${OUT})

set(extra_run1 "")
set(extra_run2 ${RUN2_ARGS})
foreach(run run1 run2)
  execute_process(
    COMMAND ${SIM} run --out ${OUT}/${run} ${ARGS} ${extra_${run}} ${ELF}
    RESULT_VARIABLE status
    OUTPUT_VARIABLE stdout_${run}
    ERROR_VARIABLE stderr
    TIMEOUT ${HOST_TIMEOUT})
  message("${run}: exit ${status}\n${stderr}")
  if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
    message(FATAL_ERROR "${run}: exit status '${status}', expected ${EXPECT_EXIT}")
  endif()
  foreach(f config.json uart.log stats.json)
    if(NOT EXISTS ${OUT}/${run}/${f})
      message(FATAL_ERROR "${run}: the run folder lacks ${f}")
    endif()
  endforeach()
endforeach()

if(NOT stdout_run1 STREQUAL stdout_run2)
  message(FATAL_ERROR "the two runs printed different output")
endif()
set(compared uart.log)
if(NOT RUN2_ARGS)
  list(APPEND compared config.json)
endif()
foreach(f ${compared})
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/run1/${f} ${OUT}/run2/${f}
                  RESULT_VARIABLE differ)
  if(NOT differ EQUAL 0)
    message(FATAL_ERROR "${f} differs between ${OUT}/run1 and ${OUT}/run2")
  endif()
endforeach()

# stats.json without the lines of the two host measurements; every other byte counts.
foreach(run run1 run2)
  file(READ ${OUT}/${run}/stats.json text)
  if(NOT text MATCHES "\"host_seconds\"" OR NOT text MATCHES "\"mips\"")
    message(FATAL_ERROR "${run}: stats.json lacks sim.host_seconds or sim.mips")
  endif()
  string(REGEX REPLACE "[^\n]*\"(host_seconds|mips)\"[^\n]*\n" "" stats_${run} "${text}")
endforeach()
if(NOT stats_run1 STREQUAL stats_run2)
  file(WRITE ${OUT}/run1/stats.stripped.json "${stats_run1}")
  file(WRITE ${OUT}/run2/stats.stripped.json "${stats_run2}")
  message(FATAL_ERROR "stats.json differs beyond host_seconds and mips: compare "
                      "${OUT}/run1/stats.stripped.json and ${OUT}/run2/stats.stripped.json")
endif()
message("identical: ${compared}, stats.json but host_seconds and mips")
