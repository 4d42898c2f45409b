// libsystemc.so refers to sc_main even when GoogleTest's main() runs the program, as in the
// unit tests: every test executable links this stub.
extern "C" int sc_main(int, char*[]) { return 0; }
