/* wfl-experiment-xlsx.h: an experiment's tables as a workbook
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-experiment.h"

G_BEGIN_DECLS

/* One worksheet per table (named as the table without ".csv"), numbers
 * as numbers; the file is replaced only by a complete workbook. */
gboolean wfl_experiment_xlsx_write (const WflExperimentTables  *tables,
                                    GFile                      *file,
                                    GCancellable               *cancellable,
                                    GError                    **error);

G_END_DECLS
