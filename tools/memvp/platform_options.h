// --platform FILE and --set KEY=VALUE: the options of every memvp subcommand that reads a
// platform file (docs on the keys: platforms/default.toml), declared once.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace memvp {

// Adds --platform (filling `platform`, with `platform_help` as its help) and the repeatable --set
// (filling `sets` in command-line order) to `cmd`.
void add_platform_options(CLI::App& cmd, std::optional<std::string>& platform, std::vector<std::string>& sets,
                          const std::string& platform_help);

}  // namespace memvp
