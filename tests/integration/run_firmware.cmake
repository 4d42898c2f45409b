# Runs one firmware image on the simulator and checks its exit status, output and run folder.
# Inputs: SIM, ELF, OUT, EXPECT_EXIT, EXPECT_OUTPUT and EXPECT_STDERR (regexes, optional),
# ARGS (list), FILES (run-folder files that must exist).
file(REMOVE_RECURSE ${OUT})
execute_process(
  COMMAND ${SIM} run --out ${OUT} ${ARGS} ${ELF}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE stdout
  ERROR_VARIABLE stderr
  TIMEOUT 280)
message("${stdout}")
message("${stderr}")
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_EXIT}")
endif()
if(EXPECT_OUTPUT AND NOT stdout MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "output does not match '${EXPECT_OUTPUT}'")
endif()
if(EXPECT_STDERR AND NOT stderr MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "standard error does not match '${EXPECT_STDERR}'")
endif()
foreach(f ${FILES})
  if(NOT EXISTS ${OUT}/${f})
    message(FATAL_ERROR "the run folder lacks ${f}")
  endif()
endforeach()
