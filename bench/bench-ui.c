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
 * Then, while the Experiments page runs a Monte Carlo of the built-in
 * scenario (3,000 samples, every processor) and the window draws a frame
 * at every tick of its frame clock:
 *   ui-experiment-frames: N             frames painted during the run
 *   ui-experiment-frame-p95: N ms       a frame's wall time, its before-paint
 *   ui-experiment-frame-max: N ms       to its after-paint (target < 16 ms)
 *   ui-experiment-frame-cpu-p95: N ms   the main thread's CPU time in them: the
 *   ui-experiment-frame-cpu-max: N ms   frame's own work, without the time
 *                                       other threads and processes took
 *   ui-experiment-frame-gap-max: N ms   the longest time between two frames
 *   ui-experiment-main-loop-stall-max: N ms  the longest a 4 ms timeout
 *                                       came late
 *   ui-experiment-wall: N ms            the run, start to results
 *   ui-experiment-frame-p95-ratio: N    its frames' p95 over that of the
 *                                       same frames for 2 s before the run
 *                                       (printed as ui-idle-…)
 *   ui-experiment-loadavg-start: N      the 1-minute load average when the
 *   ui-experiment-loadavg-end: N        run began and ended (/proc/loadavg),
 *   ui-processors: N                    beside the processors: the frames'
 *                                       figures depend on what else runs
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include <glib/gstdio.h>

#include "wfl-application.h"
#include "wfl-document.h"
#include "wfl-resources.h"
#include "wfl-experiments-view-private.h"
#include "wfl-window-private.h"

static gint64 process_start;
static gint64 edit_start;
static gboolean first_frame_seen;
static gboolean waiting_for_redraw;
static gboolean results_arrived;
static GArray *edit_times;
static WflWindow *window;
static GMainLoop *loop;
static double factor = 1.1;

/* The experiment phase, after as long a phase of the same frames
 * without it (the peer of the ratio) */
static gboolean idling;
static gboolean experimenting;
static gint64 frame_start;
static double frame_cpu_start;
static GArray *frame_cpu_ms;
static gint64 last_frame_start;
static GArray *frame_ms;
static double frame_gap_max;
static gint64 last_probe;
static double stall_max;
static gint64 run_start;

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

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  /* A frame at every tick, as an animation asks for. */
  gtk_widget_queue_draw (widget);
  return idling || experimenting ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
probe_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_probe > 0)
    stall_max = MAX (stall_max, (now - last_probe) / 1000.0 - 4);
  last_probe = now;
  return idling || experimenting ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static int compare_double (gconstpointer a, gconstpointer b);

/* Prints the phase's frames as NAME-…, returns their p95; starts afresh. */
static double
print_frames (const char *name)
{
  double p95 = NAN;

  g_array_sort (frame_ms, compare_double);
  printf ("%s-frames: %u\n", name, frame_ms->len);
  if (frame_ms->len > 0)
    {
      p95 = g_array_index (frame_ms, double, frame_ms->len * 95 / 100);
      printf ("%s-frame-p95: %.1f ms\n", name, p95);
      printf ("%s-frame-max: %.1f ms\n", name, g_array_index (frame_ms, double, frame_ms->len - 1));
    }
  g_array_sort (frame_cpu_ms, compare_double);
  if (frame_cpu_ms->len > 0)
    {
      printf ("%s-frame-cpu-p95: %.1f ms\n", name, g_array_index (frame_cpu_ms, double, frame_cpu_ms->len * 95 / 100));
      printf ("%s-frame-cpu-max: %.1f ms\n", name, g_array_index (frame_cpu_ms, double, frame_cpu_ms->len - 1));
    }
  g_array_set_size (frame_cpu_ms, 0);
  printf ("%s-frame-gap-max: %.1f ms\n", name, frame_gap_max);
  printf ("%s-main-loop-stall-max: %.1f ms\n", name, stall_max);
  g_array_set_size (frame_ms, 0);
  frame_gap_max = stall_max = 0;
  last_frame_start = last_probe = 0;
  return p95;
}

static double idle_p95;
static double loadavg_start;

/* The 1-minute load average, or -1 where there is none. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

static void
experiment_done (void)
{
  double wall = (g_get_monotonic_time () - run_start) / 1000.0, p95;

  experimenting = FALSE;
  p95 = print_frames ("ui-experiment");
  printf ("ui-experiment-wall: %.0f ms\n", wall);
  printf ("ui-experiment-frame-p95-ratio: %.2f\n", p95 / idle_p95);
  printf ("ui-experiment-loadavg-start: %.2f\n", loadavg_start);
  printf ("ui-experiment-loadavg-end: %.2f\n", load_average ());
  printf ("ui-processors: %u\n", g_get_num_processors ());
  g_main_loop_quit (loop);
}

static void
experiment_results_cb (void)
{
  if (experimenting && !wfl_experiments_view_is_running (window->experiments))
    experiment_done ();
}

static gboolean
run_experiment_cb (gpointer user_data)
{
  WflExperimentsView *view = window->experiments;

  idling = FALSE;
  idle_p95 = print_frames ("ui-idle");
  g_signal_connect (view, "results-changed", G_CALLBACK (experiment_results_cb), NULL);
  _wfl_experiments_view_set_monte_carlo (view, 3000, 1);
  experimenting = TRUE;
  loadavg_start = load_average ();
  run_start = g_get_monotonic_time ();
  wfl_experiments_view_run (view);
  return G_SOURCE_REMOVE;
}

/* The Experiments page drawn at every tick: 2 s without a run, then
 * during one. */
static gboolean
start_experiment_cb (gpointer user_data)
{
  adw_view_stack_set_visible_child_name (window->view_stack, "experiments");
  idling = TRUE;
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, NULL, NULL);
  g_timeout_add (4, probe_cb, NULL);
  g_timeout_add (2000, run_experiment_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* The main thread's CPU time: a frame's own work, without the time the
 * scheduler gave other threads and processes meanwhile. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  frame_start = g_get_monotonic_time ();
  frame_cpu_start = thread_cpu_ms ();
  if ((idling || experimenting) && last_frame_start > 0)
    frame_gap_max = MAX (frame_gap_max, (frame_start - last_frame_start) / 1000.0);
  last_frame_start = frame_start;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (idling || experimenting)
    {
      double ms = (now - frame_start) / 1000.0, cpu = thread_cpu_ms () - frame_cpu_start;

      g_array_append_val (frame_ms, ms);
      g_array_append_val (frame_cpu_ms, cpu);
      return;
    }

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
        g_timeout_add (200, start_experiment_cb, NULL);
    }
}

static void
map_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

/* The bench's drafts go to a folder of its own, removed at the end:
 * its edits are never the user's unsaved changes. */
static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
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
  g_autofree char *data_home = NULL;

  process_start = g_get_monotonic_time ();

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fprintf (stderr, "bench-ui: needs a display (run it under xvfb-run)\n");
      return 0;
    }

  data_home = g_dir_make_tmp ("bench-ui-XXXXXX", NULL);
  if (data_home != NULL)
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();
  adw_init ();
  wfl_register_resource ();
  edit_times = g_array_new (FALSE, FALSE, sizeof (double));
  frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
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
  g_array_unref (frame_ms);
  g_array_unref (frame_cpu_ms);
  if (data_home != NULL)
    remove_tree (data_home);
  g_main_loop_unref (loop);
  return 0;
}
