/* wfl-format.h: numbers and dates as the user reads them
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wfl-model.h"

G_BEGIN_DECLS

/* These follow the user's locale (LC_NUMERIC, LC_TIME) and are for the
 * screen only.  Files, CSV and JSON use wfl_format_double() and
 * wfl_date_format(), which never do. */

/* A rounded quantity for summaries, as the charts write it
 * (wfl_quantity_format_number(): "12,400", "12.400" or "12 400"; "2.5"
 * or "2,5"; "22.4 M"). */
char     *wfl_format_quantity_locale (double       value) G_GNUC_WARN_UNUSED_RESULT;
/* A quantity with its unit, as the charts write it
 * (wfl_quantity_format()): "25,318 packages", "1 wafer", "35,000 GPUs",
 * "12.5 MW"; known units in the user's language. */
char     *wfl_format_amount_locale   (double       value,
                                      const char  *unit) G_GNUC_WARN_UNUSED_RESULT;
/* The unit alone, as wfl_format_amount_locale() writes it: "GPUs",
 * "wafer", "MW"; "" without a unit. */
char     *wfl_format_unit_locale     (const char  *unit,
                                      gboolean     plural) G_GNUC_WARN_UNUSED_RESULT;
/* Every digit of wfl_format_double() in the locale's form: its decimal
 * point and, when grouping, its thousands separator (a narrow no-break
 * space where the locale has none, as the charts write numbers).
 * Without grouping the text reads back with wfl_parse_number_locale(). */
char     *wfl_format_number_locale   (double       value,
                                      gboolean     grouping) G_GNUC_WARN_UNUSED_RESULT;
/* Reads what a user typed: the locale's form ("2,5" in German) or the
 * C form of files ("2.5").  Where the thousands separator is "." a
 * grouped whole number ("10.000") reads as grouped. */
gboolean  wfl_parse_number_locale    (const char  *text,
                                      double      *value);
/* "4 Mar 2024", in the user's language and locale. */
char     *wfl_format_date_locale     (WflDate      date) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
