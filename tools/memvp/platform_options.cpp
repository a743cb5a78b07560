// The shared --platform and --set options; load_platform_config (platforms/platform_config.h)
// reads what they fill.
#include "tools/memvp/platform_options.h"

#include <CLI/CLI.hpp>

namespace memvp {

void add_platform_options(CLI::App& cmd, std::optional<std::string>& platform, std::vector<std::string>& sets,
                          const std::string& platform_help) {
  cmd.add_option("--platform", platform, platform_help)->option_text("FILE");
  cmd.add_option("--set", sets, "override one platform key: section.key=value (repeatable)")
      ->allow_extra_args(false)
      ->option_text("KEY=VALUE");
}

}  // namespace memvp
