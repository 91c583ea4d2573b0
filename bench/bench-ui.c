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
#include <stdlib.h>
#include <string.h>
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
static gint64 last_event;                  /* the run's last progress or results */
static const char *last_event_name = "";

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
  last_event = g_get_monotonic_time ();
  last_event_name = "results";
  if (experimenting && !wfl_experiments_view_is_running (window->experiments))
    experiment_done ();
}

static void
progress_cb (void)
{
  last_event = g_get_monotonic_time ();
  last_event_name = "progress";
}

static GtkWidget *
find_progress_bar (GtkWidget *widget)
{
  if (GTK_IS_PROGRESS_BAR (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_progress_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
run_experiment_cb (gpointer user_data)
{
  GtkWidget *bar = find_progress_bar (GTK_WIDGET (window->experiments));
  WflExperimentsView *view = window->experiments;

  if (bar != NULL)
    g_signal_connect (bar, "notify::fraction", G_CALLBACK (progress_cb), NULL);
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

/* WFL_BENCH_UI_TRACE=MS prints every frame of the idle and experiment
 * phases over MS ms of wall time or MS / 2 ms of main-thread CPU time
 * to stderr: its phases (the frame
 * clock's update, layout and paint, wall and main-thread CPU time), how
 * long after the run's last progress or results it came, and the
 * process's voluntary and involuntary context switches meanwhile (the
 * main thread waiting, or preempted). */
static double trace_ms = -1;
static gint64 phase_at[4];
static double phase_cpu[4];

static void
phase_mark (guint i)
{
  phase_at[i] = g_get_monotonic_time ();
  phase_cpu[i] = thread_cpu_ms ();
}

static void layout_cb (GdkFrameClock *clock, gpointer user_data) { phase_mark (1); }
static void paint_cb (GdkFrameClock *clock, gpointer user_data) { phase_mark (2); }

static void
context_switches (long *voluntary,
                  long *involuntary)
{
  g_autofree char *text = NULL;
  const char *v, *n;

  *voluntary = *involuntary = -1;
  if (!g_file_get_contents ("/proc/thread-self/status", &text, NULL, NULL))
    return;
  v = strstr (text, "\nvoluntary_ctxt_switches:");
  n = strstr (text, "\nnonvoluntary_ctxt_switches:");
  if (v != NULL)
    *voluntary = strtol (v + strlen ("\nvoluntary_ctxt_switches:"), NULL, 10);
  if (n != NULL)
    *involuntary = strtol (n + strlen ("\nnonvoluntary_ctxt_switches:"), NULL, 10);
}

static long ctx_v0, ctx_n0;

static void
trace_frame (gint64 now,
             double ms,
             double cpu)
{
  long v, n;

  context_switches (&v, &n);
  if (trace_ms < 0 || (ms <= trace_ms && cpu <= trace_ms / 2))
    return;
  fprintf (stderr, "frame %.1f ms (cpu %.1f) at %.3f s %s: update %.1f/%.1f, layout %.1f/%.1f, paint %.1f/%.1f ms; "
           "%.0f ms after %s; switches %ld voluntary, %ld involuntary\n",
           ms, cpu, (frame_start - process_start) / 1e6, experimenting ? "experiment" : "idle",
           (phase_at[1] - frame_start) / 1000.0, phase_cpu[1] - frame_cpu_start,
           (phase_at[2] - phase_at[1]) / 1000.0, phase_cpu[2] - phase_cpu[1],
           (now - phase_at[2]) / 1000.0, thread_cpu_ms () - phase_cpu[2],
           (frame_start - last_event) / 1000.0, last_event_name, v - ctx_v0, n - ctx_n0);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  context_switches (&ctx_v0, &ctx_n0);
  phase_at[1] = phase_at[2] = g_get_monotonic_time ();
  phase_cpu[1] = phase_cpu[2] = thread_cpu_ms ();
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
      trace_frame (now, ms, cpu);
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
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
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
  if (g_getenv ("WFL_BENCH_UI_TRACE") != NULL)
    trace_ms = g_ascii_strtod (g_getenv ("WFL_BENCH_UI_TRACE"), NULL);

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
