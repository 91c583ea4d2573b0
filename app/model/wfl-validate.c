/* wfl-validate.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-validate"

#include "config.h"

#include "wfl-scenario.h"

/* Placeholder until the validation rules of model.md land (issue #2). */
GPtrArray *
wfl_scenario_validate (WflScenario *self)
{
  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);

  return g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_problem_free);
}
