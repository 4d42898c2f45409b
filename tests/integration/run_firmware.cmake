# Runs one firmware image on the simulator and checks its exit status and output.
# Inputs: SIM, ELF, OUT, EXPECT_EXIT, EXPECT_OUTPUT (regex, optional), ARGS (list, optional).
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
if(NOT EXISTS ${OUT}/stats.json OR NOT EXISTS ${OUT}/config.json OR NOT EXISTS ${OUT}/uart.log)
  message(FATAL_ERROR "the run folder ${OUT} is incomplete")
endif()
