/* wfl-scenario-xml.h: scenario files (format version 1)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-scenario.h"

G_BEGIN_DECLS

#define WFL_SCENARIO_FORMAT_VERSION 2
#define WFL_SCENARIO_NAMESPACE "urn:waferline:scenario:1"
#define WFL_SCENARIO_MAX_FILE_SIZE (64 * 1024 * 1024)

/* The built-in scenario (data/scenarios/ai-hardware-2023-2025.waferline),
 * compiled into the model library. */
#define WFL_SCENARIO_BUILTIN_RESOURCE "/io/github/waferline/Waferline/scenarios/ai-hardware-2023-2025.waferline"

/* Loads and validates a scenario.  On failure returns NULL and sets error;
 * the message lists every problem as "NAME:LINE: message", a line each,
 * where NAME is `display_name` (for example the path as the user gave it).
 * When problems is not NULL it receives the problems as WflProblem*. */
WflScenario *wfl_scenario_load_data  (const char    *data,
                                      gsize          length,
                                      const char    *display_name,
                                      GPtrArray    **problems,
                                      GError       **error) G_GNUC_WARN_UNUSED_RESULT;
WflScenario *wfl_scenario_load_file  (GFile         *file,
                                      GCancellable  *cancellable,
                                      GPtrArray    **problems,
                                      GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Loads a file that the grammar accepts, whether or not the model's rules
 * (wfl_scenario_validate()) do: a draft of unsaved edits may hold the
 * problems its user was fixing. */
WflScenario *wfl_scenario_load_file_unchecked (GFile        *file,
                                              GCancellable *cancellable,
                                              GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Loads the built-in scenario from the resource above (no file is read). */
WflScenario *wfl_scenario_new_builtin (GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* The canonical form of docs/scenario-format.md.  Elements and attributes of
 * other namespaces are not kept: the model has no place for them. */
GBytes      *wfl_scenario_to_bytes   (WflScenario   *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean     wfl_scenario_write      (WflScenario   *self,
                                      GOutputStream *stream,
                                      GCancellable  *cancellable,
                                      GError       **error);
/* Atomic: a temporary file in the same folder, flushed, renamed over the
 * target; on any failure the original is untouched. */
gboolean     wfl_scenario_save_file  (WflScenario   *self,
                                      GFile         *file,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
