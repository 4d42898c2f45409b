# Runs firmware with --trace and checks the trace: valid JSON of the Chrome trace-event
# format, with the CPU's, the interconnect's and the DRAM's tracks. Inputs: SIM, ELF, OUT.
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${SIM} run ${ELF} --out ${OUT} --trace ${OUT}/trace.json
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "exited ${status}:\n${out}\n${err}")
endif()
file(READ ${OUT}/trace.json trace)
string(JSON events ERROR_VARIABLE bad LENGTH "${trace}" traceEvents)
if(bad)
  message(FATAL_ERROR "trace.json is not valid trace JSON: ${bad}")
endif()
foreach(track "\"soc.cpu\"" "\"soc.bus\"" "\"soc.dram\"" "\"hart0\"" "\"dma\""
              "\"ch0 rank0 bg0 bank0\"" "\"name\":\"ACT\"" "\"name\":\"RD\"" "\"name\":\"WR\"")
  string(FIND "${trace}" "${track}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "no ${track} in the trace")
  endif()
endforeach()
message("trace: ${events} events")
