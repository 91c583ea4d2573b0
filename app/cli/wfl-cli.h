/* wfl-cli.h: the headless command line (no GTK)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wfl_cli_is_headless (int    argc,
                              char **argv);
int      wfl_cli_run         (int    argc,
                              char **argv);

G_END_DECLS
