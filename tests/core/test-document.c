/* test-document.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "wfl-document.h"
#include "wfl-sankey-graph.h"
#include "wfl-test-utils.h"

typedef struct
{
  const char *node;
  double      value;
} SetYield;

static gboolean
set_yield_edit (WflScenario  *scenario,
                gpointer      user_data,
                GError      **error)
{
  SetYield *data = user_data;
  WflNode *node = wfl_scenario_find_node (scenario, data->node);

  if (node->yield == NULL)
    node->yield = wfl_schedule_new_constant (data->value);
  else if (wfl_schedule_get_point (node->yield, 0)->value == data->value)
    return FALSE;
  else
    wfl_schedule_get_point (node->yield, 0)->value = data->value;
  return TRUE;
}

static gboolean
set_name_edit (WflScenario  *scenario,
               gpointer      user_data,
               GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, "fab");

  g_free (node->name);
  node->name = g_strdup (user_data);
  return TRUE;
}

static gboolean
failing_edit (WflScenario  *scenario,
              gpointer      user_data,
              GError      **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "refused");
  return FALSE;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
count_signal_cb (gpointer instance,
                 gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_document_builtin (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autofree char *name = wfl_document_dup_display_name (document);

  g_assert_nonnull (wfl_document_get_scenario (document));
  g_assert_cmpuint (wfl_scenario_get_n_nodes (wfl_document_get_scenario (document)), >, 0);
  g_assert_null (wfl_document_get_file (document));
  g_assert_false (wfl_document_get_modified (document));
  g_assert_false (wfl_document_can_undo (document));
  g_assert_false (wfl_document_can_redo (document));
  g_assert_cmpstr (name, !=, "");
}

static void
test_document_undo_redo_exact (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflScenario) original = wfl_scenario_copy (wfl_document_get_scenario (document));
  g_autoptr(WflScenario) edited = NULL;
  SetYield data = { "fab", 0.8 };
  guint changed = 0, can_undo_notifies = 0, modified_notifies = 0;

  g_signal_connect (document, "changed", G_CALLBACK (count_signal_cb), &changed);
  g_signal_connect (document, "notify::can-undo", G_CALLBACK (count_cb), &can_undo_notifies);
  g_signal_connect (document, "notify::modified", G_CALLBACK (count_cb), &modified_notifies);

  g_assert_true (wfl_document_edit (document, "Change Yield", NULL, set_yield_edit, &data, NULL));
  g_assert_cmpfloat (wfl_test_fab_yield (document), ==, 0.8);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (can_undo_notifies, ==, 1);
  g_assert_cmpuint (modified_notifies, ==, 1);
  g_assert_true (wfl_document_get_modified (document));
  g_assert_true (wfl_document_can_undo (document));
  g_assert_false (wfl_document_can_redo (document));
  g_assert_cmpstr (wfl_document_get_undo_label (document), ==, "Change Yield");
  edited = wfl_scenario_copy (wfl_document_get_scenario (document));

  g_assert_true (wfl_document_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), original);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_false (wfl_document_get_modified (document));
  g_assert_false (wfl_document_can_undo (document));
  g_assert_true (wfl_document_can_redo (document));
  g_assert_cmpstr (wfl_document_get_redo_label (document), ==, "Change Yield");
  g_assert_false (wfl_document_undo (document));

  g_assert_true (wfl_document_redo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), edited);
  g_assert_true (wfl_document_get_modified (document));
  g_assert_false (wfl_document_redo (document));

  /* A new edit after undo drops the redo step. */
  g_assert_true (wfl_document_undo (document));
  data.value = 0.7;
  g_assert_true (wfl_document_edit (document, "Change Yield", NULL, set_yield_edit, &data, NULL));
  g_assert_false (wfl_document_can_redo (document));
}

static void
test_document_no_change_no_step (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflScenario) original = wfl_scenario_copy (wfl_document_get_scenario (document));
  g_autoptr(GError) error = NULL;
  SetYield same = { "fab", wfl_test_fab_yield (document) };

  g_assert_false (wfl_document_edit (document, "Nothing", NULL, set_yield_edit, &same, NULL));
  g_assert_false (wfl_document_edit (document, "Refused", NULL, failing_edit, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (wfl_document_can_undo (document));
  g_assert_false (wfl_document_get_modified (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), original);
}

static void
test_document_merge (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  double original = wfl_test_fab_yield (document);
  SetYield data = { "fab", 0.6 };

  /* Rapid edits of one field make one step... */
  wfl_document_edit (document, "Change Yield", "fab.yield", set_yield_edit, &data, NULL);
  data.value = 0.65;
  wfl_document_edit (document, "Change Yield", "fab.yield", set_yield_edit, &data, NULL);
  data.value = 0.7;
  wfl_document_edit (document, "Change Yield", "fab.yield", set_yield_edit, &data, NULL);
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpfloat (wfl_test_fab_yield (document), ==, original);
  g_assert_false (wfl_document_can_undo (document));

  /* ...but another field, or a break, starts a new one. */
  g_assert_true (wfl_document_redo (document));
  g_assert_cmpfloat (wfl_test_fab_yield (document), ==, 0.7);
  data.value = 0.75;
  wfl_document_edit (document, "Change Yield", "fab.yield", set_yield_edit, &data, NULL);
  wfl_document_edit (document, "Rename", "fab.name", set_name_edit, (gpointer) "Foundry", NULL);
  wfl_document_break_merge (document);
  data.value = 0.9;
  wfl_document_edit (document, "Change Yield", "fab.yield", set_yield_edit, &data, NULL);

  g_assert_true (wfl_document_undo (document));
  g_assert_cmpfloat (wfl_test_fab_yield (document), ==, 0.75);
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpstr (wfl_scenario_find_node (wfl_document_get_scenario (document), "fab")->name, ==, "Fab");
  g_assert_cmpfloat (wfl_test_fab_yield (document), ==, 0.75);
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpfloat (wfl_test_fab_yield (document), ==, 0.7);
}

static void
test_document_structure (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflScenario) original = wfl_scenario_copy (wfl_document_get_scenario (document));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *order = NULL;
  WflScenario *scenario;
  int link;

  id = wfl_document_add_node (document, WFL_NODE_KIND_PROCESS);
  g_assert_nonnull (id);
  scenario = wfl_document_get_scenario (document);
  g_assert_nonnull (wfl_scenario_find_node (scenario, id));
  g_assert_cmpint (wfl_document_get_selection_kind (document), ==, WFL_SELECTION_NODE);
  g_assert_cmpstr (wfl_document_get_selected_node (document), ==, id);

  link = wfl_document_add_link (document, "fab", id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (link, ==, 2);
  g_assert_cmpint (wfl_document_get_selected_link (document), ==, 2);
  g_assert_cmpint (wfl_document_add_link (document, "fab", "fab", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (wfl_document_add_link (document, "fab", "nowhere", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  order = wfl_document_add_order (document, "cust");
  g_assert_nonnull (order);
  g_assert_cmpint (wfl_document_get_selection_kind (document), ==, WFL_SELECTION_ORDER);
  g_assert_null (wfl_document_add_order (document, "fab"));

  /* Deleting a node takes its links along and drops the selection. */
  wfl_document_select_node (document, "fab");
  g_assert_true (wfl_document_remove_node (document, "fab"));
  scenario = wfl_document_get_scenario (document);
  g_assert_null (wfl_scenario_find_node (scenario, "fab"));
  for (guint i = 0; i < wfl_scenario_get_n_links (scenario); i++)
    {
      g_assert_cmpstr (wfl_scenario_get_link (scenario, i)->from, !=, "fab");
      g_assert_cmpstr (wfl_scenario_get_link (scenario, i)->to, !=, "fab");
    }
  g_assert_cmpint (wfl_document_get_selection_kind (document), ==, WFL_SELECTION_NONE);

  while (wfl_document_can_undo (document))
    wfl_document_undo (document);
  wfl_test_assert_equal (wfl_document_get_scenario (document), original);
  g_assert_false (wfl_document_get_modified (document));
}

static void
test_document_rename (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflScenario) original = wfl_scenario_copy (wfl_document_get_scenario (document));
  g_autoptr(GError) error = NULL;
  WflScenario *scenario;

  g_assert_true (wfl_document_set_pin (document, "fab", 1, 0.25));
  wfl_document_select_node (document, "fab");

  g_assert_false (wfl_document_rename_node (document, "fab", "wafers", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (wfl_document_rename_node (document, "fab", "has space", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpstr (wfl_document_get_selected_node (document), ==, "fab");

  g_assert_true (wfl_document_rename_node (document, "fab", "foundry", &error));
  g_assert_no_error (error);
  scenario = wfl_document_get_scenario (document);
  g_assert_null (wfl_scenario_find_node (scenario, "fab"));
  g_assert_nonnull (wfl_scenario_find_node (scenario, "foundry"));
  g_assert_cmpstr (wfl_scenario_get_link (scenario, 0)->to, ==, "foundry");
  g_assert_cmpstr (wfl_scenario_get_link (scenario, 1)->from, ==, "foundry");
  g_assert_nonnull (wfl_document_get_pin (document, "foundry"));
  g_assert_null (wfl_document_get_pin (document, "fab"));
  g_assert_cmpstr (wfl_document_get_selected_node (document), ==, "foundry");

  g_assert_true (wfl_document_undo (document));
  g_assert_true (wfl_document_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), original);
  g_assert_cmpint (wfl_document_get_selection_kind (document), ==, WFL_SELECTION_NONE);
}

/* Grants name the to-nodes of their node's links (format version 2):
 * they follow a renamed node and go with a removed link or node, each
 * as part of that one undoable edit. */
static gboolean
add_grant_edit (WflScenario  *scenario,
                gpointer      user_data,
                GError      **error)
{
  WflNode *fab = wfl_scenario_find_node (scenario, "fab");

  wfl_scenario_add_node (scenario, wfl_node_new ("cust2", WFL_NODE_KIND_CUSTOMER));
  wfl_scenario_add_link (scenario, wfl_link_new ("fab", "cust2"));
  fab->allocation = WFL_ALLOCATION_QUOTA;
  g_ptr_array_add (fab->grants, wfl_grant_new ("cust", "cust2", 5, wfl_scenario_get_start (scenario)));
  return TRUE;
}

static void
test_document_grants (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflScenario) original = wfl_scenario_copy (wfl_document_get_scenario (document));
  g_autoptr(WflScenario) with_grant = NULL;
  g_autoptr(GError) error = NULL;
  WflGrant *grant;
  GPtrArray *problems;

  g_assert_true (wfl_document_edit (document, "Add Grant", NULL, add_grant_edit, NULL, &error));
  with_grant = wfl_scenario_copy (wfl_document_get_scenario (document));

  g_assert_true (wfl_document_rename_node (document, "cust", "buyer", &error));
  grant = g_ptr_array_index (wfl_scenario_find_node (wfl_document_get_scenario (document), "fab")->grants, 0);
  g_assert_cmpstr (grant->donor, ==, "buyer");
  g_assert_cmpstr (grant->recipient, ==, "cust2");
  problems = wfl_scenario_validate (wfl_document_get_scenario (document));
  g_assert_cmpuint (problems->len, ==, 0);
  g_ptr_array_unref (problems);

  /* The link to the recipient goes, and the grant with it. */
  g_assert_true (wfl_document_remove_link (document, 2));
  g_assert_cmpuint (wfl_scenario_find_node (wfl_document_get_scenario (document), "fab")->grants->len, ==, 0);
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpuint (wfl_scenario_find_node (wfl_document_get_scenario (document), "fab")->grants->len, ==, 1);

  /* So does the donor node. */
  g_assert_true (wfl_document_remove_node (document, "buyer"));
  g_assert_cmpuint (wfl_scenario_find_node (wfl_document_get_scenario (document), "fab")->grants->len, ==, 0);
  problems = wfl_scenario_validate (wfl_document_get_scenario (document));
  g_assert_cmpuint (problems->len, ==, 0);
  g_ptr_array_unref (problems);

  g_assert_true (wfl_document_undo (document));
  g_assert_true (wfl_document_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), with_grant);
  g_assert_true (wfl_document_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), original);
}

static gboolean
add_expansion_edit (WflScenario  *scenario,
                    gpointer      user_data,
                    GError      **error)
{
  WflNode *fab = wfl_scenario_find_node (scenario, "fab");
  WflExpansion *x = wfl_expansion_new (wfl_scenario_get_start (scenario), 10);

  x->supplier = g_strdup (user_data);
  x->tools = 4;
  g_ptr_array_add (fab->expansions, x);
  return TRUE;
}

/* An equipment supplier's expansions follow it when it is renamed, and
 * keep their own lead time when it is deleted; both undo. */
static void
test_document_equipment_references (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = wfl_document_add_node (document, WFL_NODE_KIND_EQUIPMENT);
  g_autoptr(WflScenario) before = NULL;
  WflScenario *scenario = wfl_document_get_scenario (document);
  WflExpansion *x;

  g_assert_true (g_str_has_prefix (id, "equipment"));
  g_assert_cmpint (wfl_scenario_find_node (scenario, id)->kind, ==, WFL_NODE_KIND_EQUIPMENT);
  g_assert_true (wfl_document_edit (document, "Add Expansion", NULL, add_expansion_edit, id, NULL));
  before = wfl_scenario_copy (wfl_document_get_scenario (document));

  g_assert_true (wfl_document_rename_node (document, id, "bonders", &error));
  g_assert_no_error (error);
  scenario = wfl_document_get_scenario (document);
  x = g_ptr_array_index (wfl_scenario_find_node (scenario, "fab")->expansions, 0);
  g_assert_cmpstr (x->supplier, ==, "bonders");
  g_assert_true (wfl_document_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), before);

  g_assert_true (wfl_document_remove_node (document, id));
  scenario = wfl_document_get_scenario (document);
  x = g_ptr_array_index (wfl_scenario_find_node (scenario, "fab")->expansions, 0);
  g_assert_null (x->supplier);
  g_assert_cmpfloat (x->tools, ==, 1);
  {
    g_autoptr(GPtrArray) problems = wfl_scenario_validate (scenario);

    g_assert_cmpuint (problems->len, ==, 0);
  }
  g_assert_true (wfl_document_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), before);
}

static void
test_document_view_state (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  WflViews *views;
  const WflPin *pin;
  WflDate start;
  int first, last;
  guint view_changed = 0;

  g_signal_connect (document, "view-changed", G_CALLBACK (count_signal_cb), &view_changed);
  start = wfl_scenario_get_start (wfl_document_get_scenario (document));

  /* No window chosen: the whole calendar. */
  wfl_document_get_sankey_window (document, &first, &last);
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (last, ==, wfl_scenario_get_weeks (wfl_document_get_scenario (document)) - 1);

  wfl_document_set_sankey_window (document, 3, 7);
  g_assert_cmpuint (view_changed, ==, 1);
  wfl_document_set_sankey_window (document, 3, 7);
  g_assert_cmpuint (view_changed, ==, 1);
  views = wfl_scenario_get_views (wfl_document_get_scenario (document));
  g_assert_true (views->has_sankey);
  g_assert_cmpuint (views->sankey_from, ==, wfl_date_of_week (start, 3));
  g_assert_cmpuint (views->sankey_to, ==, wfl_date_of_week (start, 7));
  wfl_document_get_sankey_window (document, &first, &last);
  g_assert_cmpint (first, ==, 3);
  g_assert_cmpint (last, ==, 7);

  wfl_document_set_gantt_mode (document, WFL_GANTT_MODE_PIPELINE);
  wfl_document_set_gantt_zoom (document, WFL_ZOOM_QUARTER);
  wfl_document_set_gantt_as_of (document, wfl_date_from_ymd (2023, 3, 6));
  g_assert_true (views->has_gantt);
  g_assert_cmpint (views->gantt_mode, ==, WFL_GANTT_MODE_PIPELINE);
  g_assert_cmpint (views->gantt_zoom, ==, WFL_ZOOM_QUARTER);
  g_assert_cmpuint (views->gantt_as_of, ==, wfl_date_from_ymd (2023, 3, 6));
  g_assert_cmpuint (view_changed, ==, 4);

  /* View changes neither dirty the document nor enter the history. */
  g_assert_false (wfl_document_get_modified (document));
  g_assert_false (wfl_document_can_undo (document));

  /* Pins are layout edits: undoable, and they survive in the views. */
  g_assert_true (wfl_document_set_pin (document, "cust", 2, 0.4));
  g_assert_true (wfl_document_set_pin (document, "cust", 2, 0.5));
  pin = wfl_document_get_pin (document, "cust");
  g_assert_nonnull (pin);
  g_assert_cmpint (pin->column, ==, 2);
  g_assert_cmpfloat (pin->position, ==, 0.5);
  views = wfl_scenario_get_views (wfl_document_get_scenario (document));
  g_assert_cmpuint (views->pins->len, ==, 1);
  g_assert_true (wfl_document_get_modified (document));
  g_assert_false (wfl_document_set_pin (document, "nowhere", 0, NAN));

  /* One undo step for the drag, and the view window stays. */
  g_assert_true (wfl_document_undo (document));
  g_assert_null (wfl_document_get_pin (document, "cust"));
  g_assert_false (wfl_document_can_undo (document));
  wfl_document_get_sankey_window (document, &first, &last);
  g_assert_cmpint (first, ==, 3);
  g_assert_cmpint (last, ==, 7);
  g_assert_cmpint (wfl_document_get_gantt_zoom (document), ==, WFL_ZOOM_QUARTER);
}

static void
assert_load_fails_untouched (const char *path)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SetYield data = { "fab", 0.8 };
  WflScenario *before;
  g_autoptr(WflScenario) snapshot = NULL;
  guint changed = 0;

  wfl_document_edit (document, "Change Yield", NULL, set_yield_edit, &data, NULL);
  before = wfl_document_get_scenario (document);
  snapshot = wfl_scenario_copy (before);
  g_signal_connect (document, "changed", G_CALLBACK (count_signal_cb), &changed);

  g_assert_false (wfl_document_load (document, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_true (wfl_document_get_scenario (document) == before);
  wfl_test_assert_equal (before, snapshot);
  g_assert_null (wfl_document_get_file (document));
  g_assert_true (wfl_document_get_modified (document));
  g_assert_true (wfl_document_can_undo (document));
  g_assert_cmpuint (changed, ==, 0);
}

static void
test_document_load_missing (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "wfl-no-such-dir", "missing.waferline", NULL);

  assert_load_fails_untouched (path);
}

static void
test_document_load_broken (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "broken.waferline", NULL);

  g_assert_true (g_file_set_contents (path,
                                      "<?xml version=\"1.0\"?>\n"
                                      "<scenario xmlns=\"urn:waferline:scenario:1\" format-version=\"1\">\n"
                                      "  <nodes>\n"
                                      "    <node id=\"a\" kind=\"nonsense\"\n",
                                      -1, NULL));
  assert_load_fails_untouched (path);
  g_unlink (path);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (wfl_document_load_finish (WFL_DOCUMENT (object), result, error));
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_document_load_async_broken (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "broken-async.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WflScenario) snapshot = wfl_scenario_copy (wfl_document_get_scenario (document));
  GError *error = NULL;

  g_assert_true (g_file_set_contents (path, "not xml at all", -1, NULL));
  wfl_document_load_async (document, file, NULL, load_done_cb, &error);
  g_assert_true (wfl_document_get_busy (document));
  wfl_test_wait_until (error_set, &error);
  g_assert_false (wfl_document_get_busy (document));
  g_clear_error (&error);
  wfl_test_assert_equal (wfl_document_get_scenario (document), snapshot);
  g_assert_null (wfl_document_get_file (document));
  g_unlink (path);
}

static void
test_document_save_needs_file (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(GError) error = NULL;

  g_assert_false (wfl_document_save (document, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (wfl_document_get_file (document));
}

static void
test_document_results_hook (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  SetYield data = { "fab", 0.8 };
  guint results = 0;

  g_signal_connect (document, "results-changed", G_CALLBACK (count_signal_cb), &results);
  wfl_test_iterate ();
  g_assert_cmpuint (results, ==, 1);

  /* A burst of edits re-simulates once. */
  wfl_document_edit (document, "Change Yield", NULL, set_yield_edit, &data, NULL);
  data.value = 0.9;
  wfl_document_edit (document, "Change Yield", NULL, set_yield_edit, &data, NULL);
  wfl_document_undo (document);
  wfl_test_iterate ();
  g_assert_cmpuint (results, ==, 2);
}

static gboolean
has_results (gpointer data)
{
  return wfl_document_get_results (data) != NULL;
}

/* What a view does on every signal of the document: draw the results of
 * the current scenario.  Results of another scenario (another number of
 * links) make wfl_sankey_graph_new_for_window () fail with a critical. */
static void
draw_cb (WflDocument *document,
         guint       *drawn)
{
  WflScenario *scenario = wfl_document_get_scenario (document);
  WflSimulation *results = wfl_document_get_results (document);

  if (results != NULL)
    {
      g_autoptr(WflSankeyGraph) graph = NULL;

      g_assert_cmpuint (wfl_simulation_get_n_links (results), ==, wfl_scenario_get_n_links (scenario));
      g_assert_cmpuint (wfl_simulation_get_n_nodes (results), ==, wfl_scenario_get_n_nodes (scenario));
      graph = wfl_sankey_graph_new_for_window (scenario, results, NULL, 0, wfl_simulation_get_n_weeks (results) - 1);
      g_assert_nonnull (graph);
      (*drawn)++;
    }
}

static gboolean
add_link_edit (WflScenario  *scenario,
               gpointer      user_data,
               GError      **error)
{
  WflNode *extra = wfl_node_new ("extra", WFL_NODE_KIND_SUPPLY);

  wfl_scenario_add_node (scenario, extra);
  wfl_scenario_add_link (scenario, wfl_link_new ("extra", "fab"));
  return TRUE;
}

/* Opening a file in a document that has results for another scenario:
 * every signal of the load sees the new scenario with no results or with
 * its own, never the old ones (a critical in the window, before). */
static void
test_document_results_follow_scenario (void)
{
  g_autoptr(WflDocument) document = wfl_document_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "teaching-three-stage.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint drawn = 0;

  wfl_test_wait_until (has_results, document);
  g_assert_cmpuint (wfl_simulation_get_n_links (wfl_document_get_results (document)), >, 2);
  g_signal_connect (document, "changed", G_CALLBACK (draw_cb), &drawn);
  g_signal_connect (document, "view-changed", G_CALLBACK (draw_cb), &drawn);
  g_signal_connect (document, "results-changed", G_CALLBACK (draw_cb), &drawn);

  g_assert_true (wfl_document_load (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (wfl_document_get_results (document));
  wfl_test_wait_until (has_results, document);
  g_assert_cmpuint (drawn, ==, 1);

  /* An edit that adds a link: the same. */
  g_assert_true (wfl_document_edit (document, "Add", NULL, add_link_edit, NULL, NULL));
  g_assert_null (wfl_document_get_results (document));
  wfl_test_wait_until (has_results, document);
  g_assert_cmpuint (drawn, ==, 2);
  wfl_document_undo (document);
  wfl_test_wait_until (has_results, document);
  g_assert_cmpuint (drawn, ==, 3);
  g_assert_null (wfl_document_get_results_error (document));
}

/* Save, then open the file in a new document: the same scenario, with its
 * view state (Sankey window and pins, Gantt mode, zoom and as-of). */
static void
test_document_save_reopen (void)
{
  g_autoptr(WflDocument) document = wfl_document_new ();
  g_autoptr(WflDocument) reopened = wfl_test_teaching_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wfl-document-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WflViews *views;
  const WflPin *pin;

  wfl_document_set_sankey_window (document, 26, 38);
  g_assert_true (wfl_document_set_pin (document, "cowos-tsmc", 3, 0.4));
  wfl_document_set_gantt_mode (document, WFL_GANTT_MODE_PIPELINE);
  wfl_document_set_gantt_zoom (document, WFL_ZOOM_QUARTER);
  wfl_document_set_gantt_as_of (document, wfl_date_from_ymd (2023, 10, 2));

  g_assert_true (wfl_document_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wfl_document_get_modified (document));

  g_assert_true (wfl_document_load (reopened, file, NULL, &error));
  g_assert_no_error (error);
  wfl_test_assert_equal (wfl_document_get_scenario (reopened), wfl_document_get_scenario (document));

  views = wfl_scenario_get_views (wfl_document_get_scenario (reopened));
  g_assert_true (views->has_sankey);
  g_assert_cmpint (views->gantt_mode, ==, WFL_GANTT_MODE_PIPELINE);
  g_assert_cmpint (views->gantt_zoom, ==, WFL_ZOOM_QUARTER);
  pin = wfl_document_get_pin (reopened, "cowos-tsmc");
  g_assert_nonnull (pin);
  g_assert_cmpint (pin->column, ==, 3);
  g_assert_cmpfloat (pin->position, ==, 0.4);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/core/document/builtin", test_document_builtin);
  g_test_add_func ("/wfl/core/document/undo-redo-exact", test_document_undo_redo_exact);
  g_test_add_func ("/wfl/core/document/no-change-no-step", test_document_no_change_no_step);
  g_test_add_func ("/wfl/core/document/merge", test_document_merge);
  g_test_add_func ("/wfl/core/document/structure", test_document_structure);
  g_test_add_func ("/wfl/core/document/rename", test_document_rename);
  g_test_add_func ("/wfl/core/document/grants", test_document_grants);
  g_test_add_func ("/wfl/core/document/equipment-references", test_document_equipment_references);
  g_test_add_func ("/wfl/core/document/view-state", test_document_view_state);
  g_test_add_func ("/wfl/core/document/load-missing", test_document_load_missing);
  g_test_add_func ("/wfl/core/document/load-broken", test_document_load_broken);
  g_test_add_func ("/wfl/core/document/load-async-broken", test_document_load_async_broken);
  g_test_add_func ("/wfl/core/document/save-needs-file", test_document_save_needs_file);
  g_test_add_func ("/wfl/core/document/results-hook", test_document_results_hook);
  g_test_add_func ("/wfl/core/document/save-reopen", test_document_save_reopen);
  g_test_add_func ("/wfl/core/document/results-follow-scenario", test_document_results_follow_scenario);

  return g_test_run ();
}
