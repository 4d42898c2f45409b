# Test fixture: writes the cut-off firmware files the bad-input tests load, into DIR:
#   hello-300.elf   the first 300 bytes of SRC (headers intact, everything else missing)
#   hello-40.elf    the first 40 bytes (shorter than an ELF header)
#   empty.elf       no bytes at all
# Inputs: SRC (a complete ELF), DIR, HEAD (the coreutils `head` program: CMake cannot write
# arbitrary bytes itself).
file(MAKE_DIRECTORY ${DIR})
foreach(size 300 40)
  execute_process(COMMAND ${HEAD} -c ${size} ${SRC}
                  OUTPUT_FILE ${DIR}/hello-${size}.elf
                  RESULT_VARIABLE status)
  file(SIZE ${DIR}/hello-${size}.elf written)
  if(NOT status EQUAL 0 OR NOT written EQUAL size)
    message(FATAL_ERROR "could not write ${DIR}/hello-${size}.elf (status ${status}, "
                        "${written} bytes)")
  endif()
endforeach()
file(WRITE ${DIR}/empty.elf "")
