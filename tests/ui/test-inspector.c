/* test-inspector.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wfl-inspector-private.h"
#include "wfl-resources.h"
#include "wfl-test-utils.h"

typedef struct
{
  GtkWindow    *window;
  WflInspector *inspector;
  WflDocument  *document;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->document = wfl_test_teaching_document ();
  fixture->inspector = WFL_INSPECTOR (wfl_inspector_new ());
  wfl_inspector_set_document (fixture->inspector, fixture->document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->inspector));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  wfl_test_iterate ();
  g_assert_finalize_object (fixture->document);
}

/* Types into a field and presses Enter (the row's apply). */
static void
type_into (WflInspector *inspector,
           const char   *key,
           const char   *text)
{
  GtkWidget *row = _wfl_inspector_find_field (inspector, key);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
test_inspector_lists_nodes (Fixture       *fixture,
                            gconstpointer  data)
{
  /* Nothing selected: no detail fields. */
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "node.name"));

  wfl_document_select_node (fixture->document, "fab");
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "node.name"));
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "capacity.0.value"));
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "yield.0.value"));
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "node.lead-weeks"));
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "link.per-unit"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_wfl_inspector_find_field (fixture->inspector, "yield.0.value"))),
                   ==, "0.5");

  wfl_document_select_link (fixture->document, 0);
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "node.name"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_wfl_inspector_find_field (fixture->inspector, "link.per-unit"))),
                   ==, "0.1");

  wfl_document_select_node (fixture->document, "cust");
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "order.o1.quantity"));
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "capacity.0.value"));
}

static void
test_inspector_refuses_invalid (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(WflScenario) snapshot = NULL;
  const char *bad[] = { "1.5", "0", "-0.2", "abc", "nan", "" };
  GtkWidget *row;

  wfl_document_select_node (fixture->document, "fab");
  snapshot = wfl_scenario_copy (wfl_document_get_scenario (fixture->document));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      type_into (fixture->inspector, "yield.0.value", bad[i]);
      row = _wfl_inspector_find_field (fixture->inspector, "yield.0.value");

      /* Refused in place, with the reason; the text stays for fixing. */
      g_assert_nonnull (_wfl_inspector_get_error (fixture->inspector));
      g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "greater than 0 and at most 1"));
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, _wfl_inspector_get_error (fixture->inspector));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, bad[i]);

      /* Never clamped: the scenario did not change. */
      wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), snapshot);
      g_assert_false (wfl_document_can_undo (fixture->document));
      g_assert_false (wfl_document_get_modified (fixture->document));
    }

  type_into (fixture->inspector, "node.lead-weeks", "2.5");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "whole number of weeks"));
  type_into (fixture->inspector, "capacity.0.value", "-1");
  g_assert_nonnull (_wfl_inspector_get_error (fixture->inspector));
  g_assert_false (gtk_widget_has_css_class (_wfl_inspector_find_field (fixture->inspector, "yield.0.value"), "error"));
  type_into (fixture->inspector, "node.id", "wafers");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "wafers"));
  type_into (fixture->inspector, "node.unit", "  ");
  g_assert_nonnull (_wfl_inspector_get_error (fixture->inspector));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), snapshot);

  wfl_document_select_link (fixture->document, 0);
  type_into (fixture->inspector, "link.per-unit", "0");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "greater than 0"));

  wfl_document_select_node (fixture->document, "cust");
  type_into (fixture->inspector, "order.o1.due", "2022-01-01");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "due date"));
  type_into (fixture->inspector, "order.o1.placed", "2023-13-40");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "YYYY-MM-DD"));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), snapshot);
  g_assert_false (wfl_document_can_undo (fixture->document));
}

static void
test_inspector_valid_edit_undoable (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(WflScenario) snapshot = NULL;
  GtkWidget *row;

  wfl_document_select_node (fixture->document, "fab");
  snapshot = wfl_scenario_copy (wfl_document_get_scenario (fixture->document));

  /* A refused value, then a good one: the error goes away. */
  type_into (fixture->inspector, "yield.0.value", "2");
  g_assert_nonnull (_wfl_inspector_get_error (fixture->inspector));
  type_into (fixture->inspector, "yield.0.value", "0.8");
  g_assert_null (_wfl_inspector_get_error (fixture->inspector));
  g_assert_cmpfloat (wfl_test_fab_yield (fixture->document), ==, 0.8);
  row = _wfl_inspector_find_field (fixture->inspector, "yield.0.value");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "0.8");

  wfl_document_break_merge (fixture->document);
  type_into (fixture->inspector, "node.name", "Foundry");
  g_assert_cmpstr (wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "fab")->name, ==, "Foundry");

  /* Undo goes back exactly, and the inspector shows it. */
  g_assert_true (wfl_document_undo (fixture->document));
  g_assert_true (wfl_document_undo (fixture->document));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), snapshot);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_wfl_inspector_find_field (fixture->inspector, "yield.0.value"))),
                   ==, "0.5");
  g_assert_true (wfl_document_redo (fixture->document));
  g_assert_cmpfloat (wfl_test_fab_yield (fixture->document), ==, 0.8);

  /* Renaming through the inspector follows the node. */
  type_into (fixture->inspector, "node.id", "foundry");
  g_assert_cmpstr (wfl_document_get_selected_node (fixture->document), ==, "foundry");
  g_assert_cmpstr (wfl_scenario_get_link (wfl_document_get_scenario (fixture->document), 0)->to, ==, "foundry");
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "node.id"));
}

static void
test_inspector_combo_and_capacity (Fixture       *fixture,
                                 gconstpointer  data)
{
  WflNode *node;
  GtkWidget *row;

  wfl_document_select_node (fixture->document, "fab");
  row = _wfl_inspector_find_field (fixture->inspector, "node.allocation");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), WFL_ALLOCATION_FAIR_SHARE);
  node = wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "fab");
  g_assert_cmpint (node->allocation, ==, WFL_ALLOCATION_FAIR_SHARE);

  /* A second capacity point needs dates: the constant gets one. */
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "capacity.1.value"));
  type_into (fixture->inspector, "capacity.0.value", "55");
  node = wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "fab");
  g_assert_cmpfloat (wfl_schedule_get_point (node->capacity, 0)->value, ==, 55);
  g_assert_true (wfl_schedule_is_constant (node->capacity));

  g_assert_true (wfl_document_undo (fixture->document));
  g_assert_true (wfl_document_undo (fixture->document));
  node = wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "fab");
  g_assert_cmpint (node->allocation, ==, WFL_ALLOCATION_PROPORTIONAL);
  g_assert_cmpfloat (wfl_schedule_get_point (node->capacity, 0)->value, ==, 40);
}

static void
click (WflInspector *inspector,
       const char   *key)
{
  GtkWidget *button = _wfl_inspector_find_field (inspector, key);

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  wfl_test_iterate ();
}

static void
choose (WflInspector *inspector,
        const char   *key,
        guint         index)
{
  GtkWidget *row = _wfl_inspector_find_field (inspector, key);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), index);
  wfl_test_iterate ();
}

static WflNode *
fab (Fixture *fixture)
{
  return wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "fab");
}

/* Version 2's allocation: quotas by period and grants on the node, each
 * edit one undoable step. */
static void
test_inspector_quota_and_grants (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(WflScenario) original = wfl_scenario_copy (wfl_document_get_scenario (fixture->document));
  g_autofree char *cust2 = NULL;
  WflGrant *grant;
  guint steps = 0;

  wfl_document_select_node (fixture->document, "fab");
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "node.quota-period"));
  choose (fixture->inspector, "node.allocation", WFL_ALLOCATION_QUOTA);
  steps++;
  g_assert_cmpint (fab (fixture)->allocation, ==, WFL_ALLOCATION_QUOTA);
  choose (fixture->inspector, "node.quota-period", WFL_PERIOD_MONTH);
  steps++;
  g_assert_cmpint (fab (fixture)->quota_period, ==, WFL_PERIOD_MONTH);

  /* One outgoing link: nothing to move quota between. */
  g_assert_false (gtk_widget_get_sensitive (_wfl_inspector_find_field (fixture->inspector, "grant.add")));
  cust2 = wfl_document_add_node (fixture->document, WFL_NODE_KIND_CUSTOMER);
  g_assert_cmpint (wfl_document_add_link (fixture->document, "fab", cust2, NULL), ==, 2);
  steps += 2;
  wfl_document_select_node (fixture->document, "fab");
  click (fixture->inspector, "grant.add");
  steps++;
  g_assert_cmpuint (fab (fixture)->grants->len, ==, 1);
  grant = g_ptr_array_index (fab (fixture)->grants, 0);
  g_assert_cmpstr (grant->donor, ==, "cust");
  g_assert_cmpstr (grant->recipient, ==, cust2);

  type_into (fixture->inspector, "grant.0.quantity", "5000");
  steps++;
  grant = g_ptr_array_index (fab (fixture)->grants, 0);
  g_assert_cmpfloat (grant->quantity, ==, 5000);
  type_into (fixture->inspector, "grant.0.to", "2023-12-25");
  steps++;
  g_assert_cmpuint (((WflGrant *) g_ptr_array_index (fab (fixture)->grants, 0))->to, ==,
                    wfl_date_from_ymd (2023, 12, 25));
  choose (fixture->inspector, "grant.0.confidence", WFL_CONFIDENCE_MEDIUM);
  steps++;
  g_assert_cmpint (((WflGrant *) g_ptr_array_index (fab (fixture)->grants, 0))->confidence, ==,
                   WFL_CONFIDENCE_MEDIUM);

  /* Refused in place, the scenario unchanged. */
  type_into (fixture->inspector, "grant.0.quantity", "-3");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "0 or more"));
  type_into (fixture->inspector, "grant.0.to", "2022-01-01");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "end before it starts"));
  choose (fixture->inspector, "grant.0.recipient", 0);
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "two different links"));
  grant = g_ptr_array_index (fab (fixture)->grants, 0);
  g_assert_cmpstr (grant->recipient, ==, cust2);
  g_assert_cmpfloat (grant->quantity, ==, 5000);

  /* The scenario is valid all along, and simulates. */
  {
    g_autoptr(GPtrArray) problems = wfl_scenario_validate (wfl_document_get_scenario (fixture->document));

    g_assert_cmpuint (problems->len, ==, 0);
  }

  click (fixture->inspector, "grant.0.remove");
  steps++;
  g_assert_cmpuint (fab (fixture)->grants->len, ==, 0);

  for (guint i = 0; i < steps; i++)
    g_assert_true (wfl_document_undo (fixture->document));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), original);
  g_assert_false (wfl_document_can_undo (fixture->document));
}

/* A link's quota, weight and availability. */
static void
test_inspector_link_allocation (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(WflScenario) original = wfl_scenario_copy (wfl_document_get_scenario (fixture->document));
  WflLink *link;
  guint steps = 0;

  /* Link 1 is fab → cust: its quota shows under the quota policy only. */
  wfl_document_select_link (fixture->document, 1);
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "quota.add"));
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "weight.add"));
  wfl_document_select_node (fixture->document, "fab");
  choose (fixture->inspector, "node.allocation", WFL_ALLOCATION_QUOTA);
  steps++;
  wfl_document_select_link (fixture->document, 1);
  click (fixture->inspector, "quota.add");
  steps++;
  type_into (fixture->inspector, "quota.0.value", "35000");
  steps++;
  link = wfl_scenario_get_link (wfl_document_get_scenario (fixture->document), 1);
  g_assert_cmpfloat (wfl_schedule_get_point (link->quota, 0)->value, ==, 35000);
  type_into (fixture->inspector, "quota.0.value", "-1");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "Quota"));

  /* Closes at the start; then a date of its own, and it opens instead. */
  click (fixture->inspector, "availability.add");
  steps++;
  link = wfl_scenario_get_link (wfl_document_get_scenario (fixture->document), 1);
  g_assert_cmpuint (wfl_schedule_get_n_points (link->availability), ==, 1);
  g_assert_cmpfloat (wfl_schedule_get_point (link->availability, 0)->value, ==, 0);
  type_into (fixture->inspector, "availability.0.date", "2023-03-06");
  steps++;
  choose (fixture->inspector, "availability.0.state", 1);
  steps++;
  click (fixture->inspector, "availability.add");
  steps++;
  link = wfl_scenario_get_link (wfl_document_get_scenario (fixture->document), 1);
  g_assert_cmpuint (wfl_schedule_get_point (link->availability, 0)->date, ==, wfl_date_from_ymd (2023, 3, 6));
  g_assert_cmpfloat (wfl_schedule_get_point (link->availability, 0)->value, ==, 1);
  /* The next change is the other way round, 13 weeks later. */
  g_assert_cmpfloat (wfl_schedule_get_point (link->availability, 1)->value, ==, 0);
  g_assert_cmpuint (wfl_schedule_get_point (link->availability, 1)->date, ==,
                    wfl_date_from_ymd (2023, 3, 6) + 91);
  type_into (fixture->inspector, "availability.1.date", "");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "needs a date"));
  click (fixture->inspector, "availability.1.remove");
  steps++;

  /* Weighted fair share shows the weight instead. */
  wfl_document_select_node (fixture->document, "fab");
  choose (fixture->inspector, "node.allocation", WFL_ALLOCATION_WEIGHTED_FAIR_SHARE);
  steps++;
  wfl_document_select_link (fixture->document, 1);
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "quota.add"));
  click (fixture->inspector, "weight.add");
  steps++;
  type_into (fixture->inspector, "weight.0.value", "2.5");
  steps++;
  link = wfl_scenario_get_link (wfl_document_get_scenario (fixture->document), 1);
  g_assert_cmpfloat (wfl_schedule_get_point (link->weight, 0)->value, ==, 2.5);

  for (guint i = 0; i < steps; i++)
    g_assert_true (wfl_document_undo (fixture->document));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), original);
  g_assert_false (wfl_document_can_undo (fixture->document));
}

static WflExpansion *
fab_expansion (Fixture *fixture)
{
  WflNode *fab = wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "fab");

  return fab->expansions->len > 0 ? g_ptr_array_index (fab->expansions, 0) : NULL;
}

/* A capacity expansion is added, edited (its supplier, tools, dates and
 * confidence; bad values refused in place) and removed, each an undoable
 * step; an equipment supplier's page lists what it serves. */
static void
test_inspector_expansions (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WflScenario) snapshot = wfl_scenario_copy (wfl_document_get_scenario (fixture->document));
  g_autofree char *tools = wfl_document_add_node (fixture->document, WFL_NODE_KIND_EQUIPMENT);
  g_autoptr(WflScenario) with_tools = wfl_scenario_copy (wfl_document_get_scenario (fixture->document));
  WflExpansion *x;
  GtkWidget *row;

  wfl_document_select_node (fixture->document, "fab");
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "expansion.0.capacity"));
  click (fixture->inspector, "expansion.add");
  x = fab_expansion (fixture);
  g_assert_nonnull (x);
  /* A tenth of the capacity, 26 weeks to delivery and 13 to qualify. */
  g_assert_cmpfloat (x->capacity, ==, 4);
  g_assert_cmpint (x->lead_weeks, ==, 26);
  g_assert_cmpint (x->qualification_weeks, ==, 13);
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "expansion.0.capacity"));
  /* No supplier yet: no tools to give. */
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "expansion.0.tools"));

  type_into (fixture->inspector, "expansion.0.capacity", "-5");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "0 or more"));
  type_into (fixture->inspector, "expansion.0.lead-weeks", "10001");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "from 0 to 10000"));
  type_into (fixture->inspector, "expansion.0.ordered", "2023-02-30");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "YYYY-MM-DD"));
  type_into (fixture->inspector, "expansion.0.capacity", "12");
  g_assert_null (_wfl_inspector_get_error (fixture->inspector));
  g_assert_cmpfloat (fab_expansion (fixture)->capacity, ==, 12);
  wfl_document_break_merge (fixture->document);
  type_into (fixture->inspector, "expansion.0.ordered", "2023-02-06");
  g_assert_cmpuint (fab_expansion (fixture)->ordered, ==, wfl_date_from_ymd (2023, 2, 6));

  row = _wfl_inspector_find_field (fixture->inspector, "expansion.0.supplier");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  wfl_test_iterate ();
  g_assert_cmpstr (fab_expansion (fixture)->supplier, ==, tools);
  type_into (fixture->inspector, "expansion.0.tools", "0");
  g_assert_nonnull (strstr (_wfl_inspector_get_error (fixture->inspector), "greater than 0"));
  type_into (fixture->inspector, "expansion.0.tools", "3");
  g_assert_cmpfloat (fab_expansion (fixture)->tools, ==, 3);
  row = _wfl_inspector_find_field (fixture->inspector, "expansion.0.confidence");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), WFL_CONFIDENCE_LOW);
  wfl_test_iterate ();
  g_assert_cmpint (fab_expansion (fixture)->confidence, ==, WFL_CONFIDENCE_LOW);

  /* The supplier's page: its lead time, no allocation, what it serves. */
  wfl_document_select_node (fixture->document, tools);
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "node.lead-weeks"));
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "node.allocation"));
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "expansion.add"));

  /* Back to fab: removing the supplier resets the tools; then remove. */
  wfl_document_select_node (fixture->document, "fab");
  row = _wfl_inspector_find_field (fixture->inspector, "expansion.0.supplier");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  wfl_test_iterate ();
  g_assert_null (fab_expansion (fixture)->supplier);
  g_assert_cmpfloat (fab_expansion (fixture)->tools, ==, 1);
  click (fixture->inspector, "expansion.0.remove");
  g_assert_null (fab_expansion (fixture));

  /* Every step undoes: remove, supplier, confidence, tools, supplier,
   * date, capacity, add. */
  for (int i = 0; i < 8; i++)
    g_assert_true (wfl_document_undo (fixture->document));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), with_tools);
  g_assert_true (wfl_document_undo (fixture->document));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), snapshot);
}

/* The kind combo offers the shared capacity and the equipment supplier. */
static void
test_inspector_pool_kind (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *row;

  wfl_document_select_node (fixture->document, "wafers");
  row = _wfl_inspector_find_field (fixture->inspector, "node.kind");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))), ==, 5);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), WFL_NODE_KIND_POOL);
  wfl_test_iterate ();
  g_assert_cmpint (wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "wafers")->kind, ==,
                   WFL_NODE_KIND_POOL);
  /* A pool shares its capacity: allocation and expansions, no production. */
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "node.allocation"));
  g_assert_nonnull (_wfl_inspector_find_field (fixture->inspector, "expansion.add"));
  g_assert_null (_wfl_inspector_find_field (fixture->inspector, "node.initial-stock"));
  g_assert_true (wfl_document_undo (fixture->document));
}

/* The widget under root whose tooltip is text (header buttons). */
static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_tooltip_text (c), text) == 0)
        return c;
      if ((found = find_by_tooltip (c, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
focus_within (Fixture    *fixture,
              const char *key)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  GtkWidget *row = _wfl_inspector_find_field (fixture->inspector, key);

  return focus != NULL && row != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* "+" on Orders: the focus goes to the new order's quantity, never stays
 * in the node's Id (where typing would rename the node). */
static void
test_inspector_add_order_focus (Fixture       *fixture,
                                gconstpointer  data)
{
  WflNode *node;
  GtkWidget *button;
  g_autofree char *key = NULL;

  wfl_document_select_node (fixture->document, "cust");
  wfl_test_iterate ();
  gtk_widget_grab_focus (_wfl_inspector_find_field (fixture->inspector, "node.id"));
  button = find_by_tooltip (GTK_WIDGET (fixture->inspector), "Add Order");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wfl_test_iterate ();

  node = wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "cust");
  g_assert_cmpuint (node->orders->len, ==, 2);
  key = g_strdup_printf ("order.%s.quantity", ((WflOrder *) g_ptr_array_index (node->orders, 1))->id);
  g_assert_true (focus_within (fixture, key));
  g_assert_false (focus_within (fixture, "node.id"));

  /* Named as the scenarios name orders: customer and placed date, so
   * that the Gantt labels it by its date like the others. */
  {
    WflOrder *order = g_ptr_array_index (node->orders, 1);
    g_autofree char *date = wfl_date_format (order->placed);
    g_autofree char *expected = g_strdup_printf ("cust-%s", date);
    g_autofree char *second = g_strdup_printf ("cust-%s-2", date);

    g_assert_cmpstr (order->id, ==, expected);
    g_signal_emit_by_name (find_by_tooltip (GTK_WIDGET (fixture->inspector), "Add Order"), "clicked");
    wfl_test_iterate ();
    node = wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "cust");
    g_assert_cmpstr (((WflOrder *) g_ptr_array_index (node->orders, 2))->id, ==, second);
  }
}

/* Leaving a changed field (Tab, a click elsewhere) applies it; the focus
 * stays where it went. */
static void
test_inspector_focus_out_applies (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *row;

  wfl_document_select_node (fixture->document, "fab");
  wfl_test_iterate ();
  row = _wfl_inspector_find_field (fixture->inspector, "yield.0.value");
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "0.7");
  g_assert_cmpfloat (wfl_test_fab_yield (fixture->document), ==, 0.5);
  gtk_widget_grab_focus (_wfl_inspector_find_field (fixture->inspector, "node.name"));
  wfl_test_iterate ();
  g_assert_cmpfloat (wfl_test_fab_yield (fixture->document), ==, 0.7);
  g_assert_true (focus_within (fixture, "node.name"));

  /* Leaving an unchanged field changes nothing. */
  g_assert_true (wfl_document_can_undo (fixture->document));
  wfl_document_undo (fixture->document);
  wfl_test_iterate ();
  g_assert_false (wfl_document_can_undo (fixture->document));
  gtk_widget_grab_focus (_wfl_inspector_find_field (fixture->inspector, "yield.0.value"));
  gtk_widget_grab_focus (_wfl_inspector_find_field (fixture->inspector, "node.name"));
  wfl_test_iterate ();
  g_assert_false (wfl_document_can_undo (fixture->document));
}

/* An edit rebuilds the page at the same scroll position. */
static void
test_inspector_keeps_scroll (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkAdjustment *adjustment;
  double at;

  gtk_window_set_default_size (fixture->window, 360, 260);
  wfl_document_select_node (fixture->document, "fab");
  wfl_test_iterate ();
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (_wfl_inspector_find_field (fixture->inspector, "yield.0.value"),
                                                  GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment), >, 40);
  at = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 10;
  gtk_adjustment_set_value (adjustment, at);
  type_into (fixture->inspector, "yield.0.value", "0.6");
  wfl_test_iterate ();
  g_assert_cmpfloat (wfl_test_fab_yield (fixture->document), ==, 0.6);
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (_wfl_inspector_find_field (fixture->inspector, "yield.0.value"),
                                                  GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), at, 0.5);

  /* Another item starts at the top. */
  wfl_document_select_node (fixture->document, "wafers");
  wfl_test_iterate ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}


int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add ("/wfl/ui/inspector/lists-nodes", Fixture, NULL,
              fixture_set_up, test_inspector_lists_nodes, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/refuses-invalid", Fixture, NULL,
              fixture_set_up, test_inspector_refuses_invalid, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/valid-edit-undoable", Fixture, NULL,
              fixture_set_up, test_inspector_valid_edit_undoable, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/combo-and-capacity", Fixture, NULL,
              fixture_set_up, test_inspector_combo_and_capacity, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/quota-and-grants", Fixture, NULL,
              fixture_set_up, test_inspector_quota_and_grants, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/link-allocation", Fixture, NULL,
              fixture_set_up, test_inspector_link_allocation, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/expansions", Fixture, NULL,
              fixture_set_up, test_inspector_expansions, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/pool-kind", Fixture, NULL,
              fixture_set_up, test_inspector_pool_kind, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/add-order-focus", Fixture, NULL,
              fixture_set_up, test_inspector_add_order_focus, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/focus-out-applies", Fixture, NULL,
              fixture_set_up, test_inspector_focus_out_applies, fixture_tear_down);
  g_test_add ("/wfl/ui/inspector/keeps-scroll", Fixture, NULL,
              fixture_set_up, test_inspector_keeps_scroll, fixture_tear_down);

  return g_test_run ();
}
