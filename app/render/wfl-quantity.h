/* wfl-quantity.h: a quantity and its unit as every chart, tooltip and
 * status line shows it
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one number style of the screen and the exports, in the locale of
 * the process (LC_NUMERIC): the locale's decimal point, thousands
 * grouped with its separator (a narrow no-break space where the locale
 * has none, as in C): "19 431", "19,431" or "19.431"; from a million
 * up three significant digits and a translated suffix ("22.4 M",
 * "22,4 Mio."); below 100, three significant digits ("4.38", "0.597").
 * Files (CSV, JSON) never use this: see wfl_format_double(). */
char *wfl_quantity_format_number (double      value) G_GNUC_WARN_UNUSED_RESULT;
/* The unit after value, singular only when value shows as 1: the
 * scenario's unit words that Waferline knows ("wafer", "gpu", …) through
 * ngettext, in the user's language ("0 wafers", "1 wafer", "3 GPUs");
 * any other lower-case word with an English plural, abbreviations in
 * capitals; symbols and capitalised words ("MW", "TWh") as written.
 * "" without a unit. */
char *wfl_quantity_format_unit   (const char *unit,
                                  double      value) G_GNUC_WARN_UNUSED_RESULT;
/* A number in the C form ("-12345.67", no exponent) with the locale's
 * point and its integer part grouped as wfl_quantity_format_number()
 * groups: the locale's separator, or a narrow no-break space where it
 * has none ("12 345,67", "12,345.67", "12 345.67" in C). */
char *wfl_quantity_localise      (const char *digits) G_GNUC_WARN_UNUSED_RESULT;
/* The unit as it follows value's number in wfl_quantity_format ():
 * "GPUs" after "19 431", "GPU" after "1". */
char *wfl_quantity_format_unit_after (double      value,
                                      const char *unit) G_GNUC_WARN_UNUSED_RESULT;
/* The number and its unit: "19 431 GPUs", "22.4 M stacks", "754 MW". */
char *wfl_quantity_format        (double      value,
                                  const char *unit) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
