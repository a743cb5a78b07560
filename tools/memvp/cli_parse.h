// The command-line parse of a subcommand that runs on its own (memvp trace, memvp waves): --help
// prints the help on stdout and ends the command; a bad option is one line on stderr and exit
// status 2 (README, "Ending a run and exit status").
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <optional>
#include <string>

#include "common/error.h"

namespace memvp {

// Parses argv into app's options: the status to end the command with (0 after --help, 2 after
// an error, reported as "PROG: what"), or nothing when the command goes on.
inline std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv, const std::string& prog) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "%s: %s\n", prog.c_str(), e.what());
    return exit_status::kBadInput;
  }
  return std::nullopt;
}

}  // namespace memvp
