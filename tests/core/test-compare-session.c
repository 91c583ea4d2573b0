/* test-compare-session.c: a document compared with a baseline, kept up to date
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "wfl-compare-session.h"
#include "wfl-test-utils.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
set_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Wait *wait = data;

  wait->ok = wfl_compare_session_set_baseline_finish (WFL_COMPARE_SESSION (source), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static gboolean
has_comparison (gpointer data)
{
  return wfl_compare_session_get_comparison (data) != NULL;
}

/* The comparison has its bottleneck rows: the document's ranking came. */
static gboolean
has_ranked_comparison (gpointer data)
{
  WflComparison *cmp = wfl_compare_session_get_comparison (data);

  for (guint i = 0; cmp != NULL && i < wfl_comparison_get_n_rows (cmp); i++)
    if (wfl_comparison_get_row (cmp, i)->measure == WFL_COMPARE_BOTTLENECK_GAIN)
      return TRUE;
  return FALSE;
}

static char *
scenario_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", "teaching-three-stage.waferline", NULL);
}

static WflDocument *
load_document (void)
{
  g_autofree char *path = scenario_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WflDocument *document = wfl_document_new ();

  g_assert_true (wfl_document_load (document, file, NULL, &error));
  g_assert_no_error (error);
  return document;
}

static gboolean
set_yield_edit (WflScenario  *scenario,
                gpointer      user_data,
                GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, "fab");

  wfl_schedule_get_point (node->yield, 0)->value = *(double *) user_data;
  return TRUE;
}

static guint
differences (WflCompareSession *session)
{
  return wfl_comparison_count_differences (wfl_compare_session_get_comparison (session));
}

/* The document against itself as last saved: no difference; an edit
 * shows at once, its undo takes it back. */
static void
test_session_saved_and_edit (void)
{
  g_autoptr(WflDocument) document = load_document ();
  g_autoptr(WflCompareSession) session = wfl_compare_session_new (document);
  Wait wait = { 0 };
  double yield = 0.8;
  const WflCompareRow *row = NULL;
  WflComparison *cmp;

  g_assert_null (wfl_compare_session_get_comparison (session));
  wfl_compare_session_set_baseline_saved_async (session, NULL, set_done_cb, &wait);
  wfl_test_wait_until (is_done, &wait);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_true (g_file_equal (wfl_compare_session_get_baseline_file (session), wfl_document_get_file (document)));
  wfl_test_wait_until (has_ranked_comparison, session);
  g_assert_cmpuint (differences (session), ==, 0);

  /* The fab yields 0.8 instead of 0.5: the customer gets its dies sooner. */
  g_assert_true (wfl_document_edit (document, "Change Yield", NULL, set_yield_edit, &yield, NULL));
  g_assert_null (wfl_compare_session_get_comparison (session));
  wfl_test_wait_until (has_comparison, session);
  g_assert_cmpuint (differences (session), >, 0);
  cmp = wfl_compare_session_get_comparison (session);
  for (guint i = 0; i < wfl_comparison_get_n_rows (cmp); i++)
    if (wfl_comparison_get_row (cmp, i)->measure == WFL_COMPARE_SHIPPED &&
        g_strcmp0 (wfl_comparison_get_row (cmp, i)->id, "wafers") == 0)
      row = wfl_comparison_get_row (cmp, i);
  /* Fewer wafers make the same dies. */
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->difference, <, 0);

  g_assert_true (wfl_document_undo (document));
  wfl_test_wait_until (has_comparison, session);
  g_assert_cmpuint (differences (session), ==, 0);
}

/* A broken baseline is named FILE:LINE: and the previous one stays. */
static void
test_session_broken_baseline (void)
{
  g_autoptr(WflDocument) document = load_document ();
  g_autoptr(WflCompareSession) session = wfl_compare_session_new (document);
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "data", "duplicate-ids.waferline", NULL);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autofree char *prefix = g_strconcat (broken, ":8:", NULL);
  Wait first = { 0 }, second = { 0 };

  wfl_compare_session_set_baseline_saved_async (session, NULL, set_done_cb, &first);
  wfl_test_wait_until (is_done, &first);
  g_assert_true (first.ok);

  wfl_compare_session_set_baseline_async (session, broken_file, NULL, set_done_cb, &second);
  wfl_test_wait_until (is_done, &second);
  g_assert_false (second.ok);
  g_assert_nonnull (second.error);
  g_assert_true (g_str_has_prefix (second.error->message, prefix));
  g_clear_error (&second.error);
  g_assert_true (g_file_equal (wfl_compare_session_get_baseline_file (session), wfl_document_get_file (document)));
  g_assert_nonnull (wfl_compare_session_get_baseline_results (session));
  /* The document is untouched. */
  g_assert_false (wfl_document_get_modified (document));
}

/* A document never saved has no saved version to compare with. */
static void
test_session_unsaved (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflCompareSession) session = wfl_compare_session_new (document);
  Wait wait = { 0 };

  wfl_compare_session_set_baseline_saved_async (session, NULL, set_done_cb, &wait);
  wfl_test_wait_until (is_done, &wait);
  g_assert_false (wait.ok);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&wait.error);
  g_assert_null (wfl_compare_session_get_baseline_file (session));
}

/* The document before a step of its history: two edits later, the
 * baseline before the first shows both; the history's own labels name
 * it; past the oldest step, NOT_FOUND at once. */
static void
test_session_history (void)
{
  g_autoptr(WflDocument) document = load_document ();
  g_autoptr(WflCompareSession) session = wfl_compare_session_new (document);
  Wait wait = { 0 }, past = { 0 };
  double first = 0.6, second = 0.8;
  g_autoptr(WflScenario) original = wfl_scenario_copy (wfl_document_get_scenario (document));

  g_assert_true (wfl_document_edit (document, "Change Yield", NULL, set_yield_edit, &first, NULL));
  wfl_document_break_merge (document);
  g_assert_true (wfl_document_edit (document, "Change Yield Again", NULL, set_yield_edit, &second, NULL));
  g_assert_cmpstr (wfl_document_get_history_label (document, 0), ==, "Change Yield Again");
  g_assert_cmpstr (wfl_document_get_history_label (document, 1), ==, "Change Yield");
  g_assert_null (wfl_document_get_history_label (document, 2));

  wfl_compare_session_set_baseline_history_async (session, 1, NULL, set_done_cb, &wait);
  wfl_test_wait_until (is_done, &wait);
  g_assert_no_error (wait.error);
  g_assert_cmpint (wfl_compare_session_get_baseline_kind (session), ==, WFL_COMPARE_BASELINE_HISTORY);
  g_assert_null (wfl_compare_session_get_baseline_file (session));
  g_assert_nonnull (strstr (wfl_compare_session_get_baseline_label (session), "Change Yield"));
  /* The scenario before the first edit, whatever comes after. */
  wfl_test_assert_equal (wfl_compare_session_get_baseline_scenario (session), original);
  wfl_test_wait_until (has_comparison, session);
  g_assert_cmpuint (differences (session), >, 0);

  /* Both undone: the document is its baseline again. */
  g_assert_true (wfl_document_undo (document));
  g_assert_true (wfl_document_undo (document));
  wfl_test_wait_until (has_comparison, session);
  g_assert_cmpuint (differences (session), ==, 0);

  wfl_compare_session_set_baseline_history_async (session, 0, NULL, set_done_cb, &past);
  wfl_test_wait_until (is_done, &past);
  g_assert_error (past.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  /* The baseline stays. */
  g_assert_cmpint (wfl_compare_session_get_baseline_kind (session), ==, WFL_COMPARE_BASELINE_HISTORY);
  g_clear_error (&past.error);
  g_clear_error (&wait.error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compare-session/saved-and-edit", test_session_saved_and_edit);
  g_test_add_func ("/compare-session/broken-baseline", test_session_broken_baseline);
  g_test_add_func ("/compare-session/unsaved", test_session_unsaved);
  g_test_add_func ("/compare-session/history", test_session_history);
  return g_test_run ();
}
