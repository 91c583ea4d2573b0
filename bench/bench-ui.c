/* bench-ui.c: the window's speed as a user feels it
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (./run.sh bench runs it under Xvfb).  Prints:
 *   ui-start-to-first-frame: N ms   process start → the window's first
 *                                   painted frame, built-in scenario
 *   ui-edit-to-redraw: N ms         an edit (CoWoS capacity) → results,
 *                                   charts rebuilt and the next frame
 *                                   painted; median of 21 edits
 */

#include "config.h"

#include <stdio.h>

#include "wfl-application.h"
#include "wfl-document.h"
#include "wfl-resources.h"
#include "wfl-window.h"

static gint64 process_start;
static gint64 edit_start;
static gboolean first_frame_seen;
static gboolean waiting_for_redraw;
static gboolean results_arrived;
static GArray *edit_times;
static WflWindow *window;
static GMainLoop *loop;
static double factor = 1.1;

static gboolean
scale_capacity_edit (WflScenario  *scenario,
                     gpointer      user_data,
                     GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, "cowos-tsmc");

  if (node == NULL || node->capacity == NULL)
    node = wfl_scenario_get_node (scenario, 0);
  for (guint i = 0; node->capacity != NULL && i < node->capacity->points->len; i++)
    wfl_schedule_get_point (node->capacity, i)->value *= factor;
  return TRUE;
}

static gboolean
start_edit_cb (gpointer user_data)
{
  WflDocument *document = wfl_window_get_document (window);

  factor = factor > 1 ? 1 / 1.1 : 1.1;
  waiting_for_redraw = TRUE;
  results_arrived = FALSE;
  edit_start = g_get_monotonic_time ();
  wfl_document_break_merge (document);
  wfl_document_edit (document, "Bench", NULL, scale_capacity_edit, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
results_changed_cb (WflDocument *document)
{
  if (waiting_for_redraw && wfl_document_get_results (document) != NULL)
    {
      results_arrived = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (!first_frame_seen)
    {
      first_frame_seen = TRUE;
      printf ("ui-start-to-first-frame: %.0f ms\n", (now - process_start) / 1000.0);
      fflush (stdout);
      g_timeout_add (200, start_edit_cb, NULL);
      return;
    }

  if (waiting_for_redraw && results_arrived)
    {
      double ms = (now - edit_start) / 1000.0;

      waiting_for_redraw = FALSE;
      g_array_append_val (edit_times, ms);
      if (edit_times->len < 21)
        g_timeout_add (50, start_edit_cb, NULL);
      else
        g_main_loop_quit (loop);
    }
}

static void
map_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WflApplication) app = NULL;

  process_start = g_get_monotonic_time ();

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fprintf (stderr, "bench-ui: needs a display (run it under xvfb-run)\n");
      return 0;
    }

  gtk_init ();
  adw_init ();
  wfl_register_resource ();
  edit_times = g_array_new (FALSE, FALSE, sizeof (double));
  loop = g_main_loop_new (NULL, FALSE);

  app = wfl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = wfl_window_new (app);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
  g_signal_connect (wfl_window_get_document (window), "results-changed",
                    G_CALLBACK (results_changed_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_main_loop_run (loop);

  g_array_sort (edit_times, compare_double);
  printf ("ui-edit-to-redraw: %.1f ms\n", g_array_index (edit_times, double, edit_times->len / 2));

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (edit_times);
  g_main_loop_unref (loop);
  return 0;
}
