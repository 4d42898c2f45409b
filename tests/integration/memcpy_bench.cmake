# Runs memcpy_bench and checks that the bandwidth the firmware measures agrees with the
# model's own counters for the same region of interest (stats.json), and that the DRAM runs
# near its peak while the DMA streams. Inputs: SIM, ELF, OUT.
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${SIM} run ${ELF} --out ${OUT}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "memcpy_bench exited ${status}:\n${out}\n${err}")
endif()
if(NOT out MATCHES "memcpy engine=dma src=dram dst=dram bytes=([0-9]+) ns=([0-9]+) gbs=([0-9.]+)")
  message(FATAL_ERROR "no DRAM-to-DRAM line in:\n${out}")
endif()
set(bytes ${CMAKE_MATCH_1})
set(fw_ns ${CMAKE_MATCH_2})
if(NOT out MATCHES "memcpy: all copies verified")
  message(FATAL_ERROR "copies not verified:\n${out}")
endif()

file(READ ${OUT}/stats.json stats)
string(JSON id GET "${stats}" regions 0 id)
if(NOT id EQUAL 1)
  message(FATAL_ERROR "the first region is ${id}, expected 1 (DRAM to DRAM)")
endif()
string(JSON begin GET "${stats}" regions 0 begin_ns)
string(JSON end GET "${stats}" regions 0 end_ns)
string(JSON read GET "${stats}" regions 0 stats soc dram bytes_read)
string(JSON written GET "${stats}" regions 0 stats soc dram bytes_written)
string(JSON dma_read GET "${stats}" regions 0 stats soc bus initiators dma bytes_read)
if(NOT read EQUAL bytes OR NOT written EQUAL bytes OR NOT dma_read EQUAL bytes)
  message(FATAL_ERROR "the region moved ${read} B from and ${written} B to the DRAM "
                      "(${dma_read} B read by the DMA), the firmware copied ${bytes} B")
endif()
math(EXPR region_ns "${end} - ${begin}")
# The firmware's own time must agree with the region's to 2 % (the region also holds the
# few register accesses around the copy), and the DRAM must carry at least 80 % of its
# 25.6 GB/s peak, reads and writes together.
execute_process(COMMAND awk "BEGIN { d = ${region_ns} - ${fw_ns}; if (d < 0) d = -d;
                                     rate = (${read} + ${written}) / ${region_ns};
                                     exit !(d <= 0.02 * ${region_ns} && rate >= 0.8 * 25.6 &&
                                            rate <= 25.6) }"
                RESULT_VARIABLE bad)
if(NOT bad EQUAL 0)
  message(FATAL_ERROR "firmware ${fw_ns} ns vs region ${region_ns} ns for ${bytes} B copied "
                      "(DRAM traffic ${read} + ${written} B)")
endif()
message("memcpy_bench: ${bytes} B DRAM to DRAM in ${fw_ns} ns (region ${region_ns} ns)")
