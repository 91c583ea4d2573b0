/* wfl-test-utils.h: helpers shared by the core and UI tests (no GTK):
 * comparing scenarios, running the main context, a worked-example document
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-document.h"
#include "wfl-model.h"

G_BEGIN_DECLS

/* Field by field, including views and pins.  On a difference, says where
 * in *where (for the assertion message) and returns FALSE. */
gboolean wfl_test_scenario_equal   (WflScenario  *a,
                                    WflScenario  *b,
                                    char        **where);
void     wfl_test_assert_equal     (WflScenario  *a,
                                    WflScenario  *b);

/* How many times longer than usual a test may wait for the application:
 * WFL_TEST_TIME_SCALE (1 to 100; 1 when unset), which `./run.sh test
 * --sanitize` sets as meson's timeout multiplier, since the sanitizer
 * build runs several times slower. */
double   wfl_test_time_scale       (void);

/* Runs the main context until condition returns TRUE (or fails the test
 * after 10 s times wfl_test_time_scale()). */
void     wfl_test_wait_until       (gboolean    (*condition) (gpointer),
                                    gpointer      data);
void     wfl_test_iterate          (void);

/* A document on docs/model.md's worked example (wafers → fab → cust), which
 * the tests can work out by hand; the app itself opens the built-in
 * AI hardware scenario. */
gpointer   wfl_test_teaching_document (void);

/* The yield of the worked example's fab in its first point. */
double     wfl_test_fab_yield         (WflDocument  *document);

/* For wfl_test_wait_until(): TRUE once the document (data) has finished
 * loading or saving. */
gboolean   wfl_test_document_not_busy (gpointer      data);

G_END_DECLS
