/* test-inspector-schedule-tools.c: the inspector's "Scale or Shift the Schedule"
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the built-in scenario's CoWoS capacity (many dated points): doubling
 * it from 2024 on is one undoable edit that doubles every week from then
 * and keeps the weeks before; shifting it by 8 weeks likewise; a factor
 * or date that cannot be read, or an edit that changes nothing, is said
 * in the popover and changes nothing.
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
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_builtin (&error);

  g_assert_no_error (error);
  fixture->document = wfl_document_new_for_scenario (scenario, NULL);
  fixture->inspector = WFL_INSPECTOR (wfl_inspector_new ());
  wfl_inspector_set_document (fixture->inspector, fixture->document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->inspector));
  gtk_window_present (fixture->window);
  wfl_document_select_node (fixture->document, "cowos-tsmc");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  wfl_test_iterate ();
  g_assert_finalize_object (fixture->document);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The tools button of the CoWoS capacity, after any pending rebuild. */
static GtkWidget *
tools_button (Fixture *fixture)
{
  GtkWidget *button;

  wfl_test_iterate ();
  button = find_named (GTK_WIDGET (fixture->inspector), "schedule-tools-capacity");
  g_assert_nonnull (button);
  return button;
}

static double *
capacity (WflDocument *document)
{
  WflScenario *s = wfl_document_get_scenario (document);
  WflNode *node = wfl_scenario_find_node (s, "cowos-tsmc");
  int weeks = wfl_scenario_get_weeks (s);
  double *out = g_new (double, weeks);

  wfl_schedule_evaluate (node->capacity, wfl_scenario_get_start (s), weeks, 0, out);
  return out;
}

static void
test_scale_from_date (Fixture       *fixture,
                      gconstpointer  data)
{
  WflScenario *s = wfl_document_get_scenario (fixture->document);
  g_autoptr(WflScenario) before = wfl_scenario_copy (s);
  g_autofree double *old = capacity (fixture->document);
  g_autofree double *now = NULL;
  int weeks = wfl_scenario_get_weeks (s);
  int from = wfl_week_of_date (wfl_scenario_get_start (s), wfl_date_parse ("2024-01-01"));
  const char *message = NULL;

  g_assert_cmpuint (wfl_schedule_get_n_points (wfl_scenario_find_node (s, "cowos-tsmc")->capacity), >=, 8);
  g_assert_false (wfl_document_can_undo (fixture->document));
  g_assert_true (_wfl_inspector_schedule_tools_apply (tools_button (fixture), 0, "2", "2024-01-01", &message));
  g_assert_null (message);

  now = capacity (fixture->document);
  for (int t = 0; t < weeks; t++)
    g_assert_cmpfloat_with_epsilon (now[t], t < from ? old[t] : 2 * old[t], 1e-9 * MAX (1, old[t]));
  g_assert_cmpstr (wfl_document_get_undo_label (fixture->document), ==, "Scale Schedule");
  /* The inspector shows the new points. */
  {
    WflSchedule *schedule = wfl_scenario_find_node (wfl_document_get_scenario (fixture->document), "cowos-tsmc")->capacity;
    guint last = wfl_schedule_get_n_points (schedule) - 1;
    g_autofree char *key = g_strdup_printf ("capacity.%u.value", last);
    g_autofree char *shown = NULL;
    GtkWidget *field;

    wfl_test_iterate ();
    field = _wfl_inspector_find_field (fixture->inspector, key);
    g_assert_nonnull (field);
    shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));
    g_assert_cmpfloat (g_ascii_strtod (shown, NULL), ==, wfl_schedule_get_point (schedule, last)->value);
  }

  /* One undo step puts every point back. */
  g_assert_true (wfl_document_undo (fixture->document));
  g_assert_false (wfl_document_can_undo (fixture->document));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), before);
}

static void
test_shift_whole (Fixture       *fixture,
                  gconstpointer  data)
{
  WflScenario *s = wfl_document_get_scenario (fixture->document);
  g_autofree double *old = capacity (fixture->document);
  g_autofree double *now = NULL;
  int weeks = wfl_scenario_get_weeks (s);

  g_assert_true (_wfl_inspector_schedule_tools_apply (tools_button (fixture), 1, "8", "", NULL));
  now = capacity (fixture->document);
  for (int t = 8; t < weeks; t++)
    g_assert_cmpfloat_with_epsilon (now[t], old[t - 8], 1e-9 * MAX (1, old[t]));
  g_assert_cmpstr (wfl_document_get_undo_label (fixture->document), ==, "Shift Schedule");
  g_assert_true (wfl_document_undo (fixture->document));
  g_assert_false (wfl_document_can_undo (fixture->document));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(WflScenario) before = wfl_scenario_copy (wfl_document_get_scenario (fixture->document));
  struct { guint tool; const char *amount, *from, *says; } cases[] = {
    { 0, "two", "", "The factor must be a number" },
    { 0, "-1", "", "The factor must be from 0" },
    { 0, "2", "2024-13-01", "The date must be written YYYY-MM-DD" },
    { 1, "2.5", "", "The weeks must be a whole number from" },
    { 1, "100000", "", "The weeks must be a whole number from" },
    { 0, "1", "", "Nothing would change" },
    /* After the calendar: no week changes. */
    { 1, "4", "2030-01-01", "Nothing would change" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *message = NULL;

      g_assert_false (_wfl_inspector_schedule_tools_apply (tools_button (fixture), cases[i].tool, cases[i].amount,
                                                           cases[i].from, &message));
      g_assert_nonnull (message);
      g_assert_true (g_str_has_prefix (message, cases[i].says));
    }
  g_assert_false (wfl_document_can_undo (fixture->document));
  wfl_test_assert_equal (wfl_document_get_scenario (fixture->document), before);
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

  g_test_add ("/wfl/ui/schedule-tools/scale-from-date", Fixture, NULL, fixture_set_up, test_scale_from_date, fixture_tear_down);
  g_test_add ("/wfl/ui/schedule-tools/shift-whole", Fixture, NULL, fixture_set_up, test_shift_whole, fixture_tear_down);
  g_test_add ("/wfl/ui/schedule-tools/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  return g_test_run ();
}
