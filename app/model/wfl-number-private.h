/* wfl-number-private.h: number parsing shared inside the model
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* wfl_parse_double() without its finiteness check: a number too large
 * for a double reads as ±inf (the flows reader says so in its message). */
gboolean _wfl_number_parse (const char *str,
                            double     *value);

G_END_DECLS
