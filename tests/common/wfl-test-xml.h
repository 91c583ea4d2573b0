/* wfl-test-xml.h: reading scenario fixtures in the XML tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* The bytes of tests/data/NAME; aborts the test when it cannot be read. */
char     *wfl_test_read_fixture   (const char *name,
                                   gsize      *length);
/* The line (from 1) of needle's first occurrence in text. */
int       wfl_test_line_of        (const char *text,
                                   const char *needle);
/* Whether the scenario schema accepts the document. */
gboolean  wfl_test_matches_schema (const char *data,
                                   gsize       length);
