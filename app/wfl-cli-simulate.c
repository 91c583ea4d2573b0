/* wfl-cli-simulate.c: --simulate and --bottlenecks
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-cli-private.h"

int
wfl_cli_simulate (const WflCliOptions *options)
{
  wfl_cli_print_error (_("--simulate is not available yet"));
  return 2;
}

int
wfl_cli_bottlenecks (const WflCliOptions *options)
{
  wfl_cli_print_error (_("--bottlenecks is not available yet"));
  return 2;
}
