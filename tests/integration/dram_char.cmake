# Runs `accelvp dram-char --json` and checks the DDR4-3200 figures against the reference
# (REFERENCE_FIGURES.md): device latencies within 5 %, sequential reads >= 90 % of peak,
# random reads below the tFAW bound and >= 80 % of it. Input: SIM.
execute_process(COMMAND ${SIM} dram-char --preset ddr4-3200 --json --transactions 50000
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dram-char exited ${status}: ${err}")
endif()
function(expect_within key expected tolerance_pct)
  string(JSON value GET "${out}" latency_ns ${key})
  # CMake has no floating-point arithmetic: awk compares.
  execute_process(COMMAND awk "BEGIN { d = ${value} - ${expected}; if (d < 0) d = -d;
                                       exit !(d <= ${expected} * ${tolerance_pct} / 100) }"
                  RESULT_VARIABLE off)
  if(NOT off EQUAL 0)
    message(FATAL_ERROR "latency_ns.${key} = ${value}, expected ${expected} within ${tolerance_pct} %")
  endif()
endfunction()
expect_within(row_hit 13.75 5)
expect_within(closed 27.5 5)
expect_within(conflict 41.25 5)
string(JSON seq GET "${out}" bandwidth_gbs seq_read)
string(JSON random GET "${out}" bandwidth_gbs random_read)
string(JSON peak GET "${out}" peak_gbs)
execute_process(COMMAND awk "BEGIN { exit !(${seq} >= 0.9 * 25.6 && ${peak} == 25.6 &&
                                          ${random} < 12.05 && ${random} >= 0.8 * 12.0) }"
                RESULT_VARIABLE bad)
if(NOT bad EQUAL 0)
  message(FATAL_ERROR "bandwidths out of bounds: seq ${seq}, random ${random}, peak ${peak} GB/s")
endif()
foreach(key controller_latency_ns transactions_per_host_second)
  string(JSON value ERROR_VARIABLE missing GET "${out}" ${key})
  if(missing)
    message(FATAL_ERROR "no ${key} in: ${out}")
  endif()
endforeach()
message("dram-char: seq ${seq} GB/s, random ${random} GB/s")
