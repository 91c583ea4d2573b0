/* fuzz-common.h: what every libFuzzer target of Waferline shares
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>
#include <glib.h>

/* GLib's fatal messages end in a breakpoint trap, which libFuzzer does not
 * catch: abort instead, so that it saves the input. Debug and info
 * messages (the layout's progress) only when asked for, as
 * g_log_writer_default() does: printing them slows every input. */
static inline GLogWriterOutput
wfl_fuzz_abort_on_fatal (GLogLevelFlags   log_level,
                         const GLogField *fields,
                         gsize            n_fields,
                         gpointer         user_data)
{
  if ((log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) != 0 &&
      g_log_writer_default_would_drop (log_level, NULL))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}
