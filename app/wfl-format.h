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

/* A rounded quantity for summaries: whole and grouped from 100 up
 * ("12,400" or "12.400"), three significant digits below ("2.5" or "2,5"). */
char     *wfl_format_quantity_locale (double       value) G_GNUC_WARN_UNUSED_RESULT;
/* Every digit of wfl_format_double() in the locale's form: its decimal
 * point and, when grouping, its thousands separator.  Without grouping
 * the text reads back with wfl_parse_number_locale(). */
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
