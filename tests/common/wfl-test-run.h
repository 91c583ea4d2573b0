/* wfl-test-run.h: running the built waferline from a test
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

typedef struct
{
  int   status;   /* the exit status; -1 when killed by a signal */
  char *out;
  char *err;
} WflTestRun;

void wfl_test_run_clear    (WflTestRun  *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WflTestRun, wfl_test_run_clear)

/* Runs $WFL_EXE with the arguments (NULL-terminated), without a display:
 * the headless commands must not need one (a bogus DISPLAY makes any GTK
 * start-up fail). */
void wfl_test_run_waferline (WflTestRun  *run,
                             ...) G_GNUC_NULL_TERMINATED;
void wfl_test_run_argv      (WflTestRun  *run,
                             const char **args);
