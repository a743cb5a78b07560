// memvp-trace: the trace reader on its own, the same as `memvp trace`.
#include "tools/memvp/trace_command.h"

int main(int argc, char** argv) { return memvp::trace::trace_main(argc, argv, "memvp-trace"); }
