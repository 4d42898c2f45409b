# Runs a gemm_bench image and checks its output, not its speed: exit 0; for every size one
# well-formed `gemm m=S n=S k=S cycles=... util=... bytes=... gflops=... cpu_cycles=...
# speedup=...` line, with numbers for the CPU columns exactly for the sizes in CPU_SIZES;
# a `gemm_check` line whose checksum equals the host tool's (sw/gemm_ref) for the same
# problem, with every sampled element and (where the CPU ran) the full result correct; and a
# region of interest per size in stats.json (id = size; 100000 + size for the CPU's run).
# Inputs: SIM, ELF, OUT, GEMM_REF (the host tool), SIZES, CPU_SIZES (lists).
cmake_minimum_required(VERSION 3.25) # IN_LIST, string(JSON)
file(REMOVE_RECURSE ${OUT})
execute_process(
  COMMAND ${SIM} run --out ${OUT} ${ELF}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE stdout
  ERROR_VARIABLE stderr
  TIMEOUT 280)
message("${stdout}")
message("${stderr}")
if(NOT "${status}" STREQUAL "0")
  message(FATAL_ERROR "exit status ${status}, expected 0")
endif()

set(num "[0-9]+")
set(dec "[0-9]+\\.[0-9][0-9]")
file(READ ${OUT}/stats.json stats)
string(JSON region_count LENGTH "${stats}" regions)
set(region_ids "")
if(region_count GREATER 0)
  math(EXPR last "${region_count} - 1")
  foreach(i RANGE ${last})
    string(JSON id GET "${stats}" regions ${i} id)
    list(APPEND region_ids ${id})
  endforeach()
endif()

foreach(s ${SIZES})
  if(s IN_LIST CPU_SIZES)
    set(cpu "cpu_cycles=${num} speedup=${dec}")
    set(full "ok")
  else()
    set(cpu "cpu_cycles=- speedup=-")
    set(full "-")
  endif()
  string(CONCAT line "(^|\n)gemm m=${s} n=${s} k=${s} cycles=${num} util=[01]\\.[0-9][0-9] "
                    "bytes=${num} gflops=${dec} ${cpu}\n")
  if(NOT stdout MATCHES "${line}")
    message(FATAL_ERROR "no well-formed line for ${s}^3 (expected to match '${line}')")
  endif()
  string(CONCAT check "gemm_check m=${s} n=${s} k=${s} seed=([0-9]+) checksum=(0x[0-9a-f]+) "
                     "sampled=([0-9]+)/([0-9]+) full=${full}\n")
  if(NOT stdout MATCHES "${check}")
    message(FATAL_ERROR "no gemm_check line with full=${full} for ${s}^3")
  endif()
  set(seed ${CMAKE_MATCH_1})
  set(checksum ${CMAKE_MATCH_2})
  if(NOT CMAKE_MATCH_3 STREQUAL CMAKE_MATCH_4)
    message(FATAL_ERROR "${s}^3: only ${CMAKE_MATCH_3} of ${CMAKE_MATCH_4} sampled elements right")
  endif()
  execute_process(
    COMMAND ${GEMM_REF} --m ${s} --n ${s} --k ${s} --seed ${seed} --checksum
    RESULT_VARIABLE ref_status
    OUTPUT_VARIABLE ref_out
    ERROR_VARIABLE ref_err)
  if(NOT ref_status EQUAL 0 OR NOT ref_out MATCHES "checksum=(0x[0-9a-f]+)")
    message(FATAL_ERROR "gemm_ref failed (${ref_status}): ${ref_err}")
  endif()
  if(NOT CMAKE_MATCH_1 STREQUAL checksum)
    message(FATAL_ERROR "${s}^3: the engine's checksum ${checksum}, sw/gemm_ref's ${CMAKE_MATCH_1}")
  endif()
  set(want_regions ${s})
  if(s IN_LIST CPU_SIZES)
    math(EXPR cpu_id "100000 + ${s}")
    list(APPEND want_regions ${cpu_id})
  endif()
  foreach(id ${want_regions})
    if(NOT id IN_LIST region_ids)
      message(FATAL_ERROR "stats.json has no region ${id} (regions: ${region_ids})")
    endif()
  endforeach()
  message("${s}^3: well formed, checksum ${checksum} equals sw/gemm_ref's")
endforeach()
if(NOT stdout MATCHES "gemm_bench: all checks passed\n")
  message(FATAL_ERROR "no 'gemm_bench: all checks passed' line")
endif()
