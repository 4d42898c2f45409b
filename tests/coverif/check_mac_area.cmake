# synth.mac_area (cmake -DSCRIPT=sw/synth/mac_area -P check_mac_area.cmake): runs the area
# script, prints its report, and checks that it names both variants' cells, that its last
# line has the documented form, and that approx is smaller than exact. First, that without
# yosys it fails with a message saying so.
execute_process(COMMAND ${SCRIPT} --yosys /nonexistent/yosys RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "mac_area: error: yosys not found")
  message(FATAL_ERROR "synth.mac_area: without yosys: exit ${rc}, '${out}${err}'")
endif()

execute_process(COMMAND ${SCRIPT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "synth.mac_area: mac_area exited with ${rc}")
endif()
if(NOT out MATCHES "\nexact \\(APPROX=0[^\n]*\n  cell" OR NOT out MATCHES "\napprox \\(APPROX=1")
  message(FATAL_ERROR "synth.mac_area: no cell table for both variants")
endif()
string(STRIP "${out}" out)
string(REGEX MATCH "[^\n]*$" last "${out}")
set(area "([0-9]+\\.[0-9])")
if(NOT last MATCHES "^mac_area exact=${area} approx=${area} reduction_pct=(-?[0-9]+\\.[0-9])$")
  message(FATAL_ERROR "synth.mac_area: last line not in the documented form: '${last}'")
endif()
set(exact ${CMAKE_MATCH_1})
set(approx ${CMAKE_MATCH_2})
if(NOT approx LESS exact)
  message(FATAL_ERROR "synth.mac_area: approx ${approx} is not smaller than exact ${exact}")
endif()
