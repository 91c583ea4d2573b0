/* bench-process.c: whole command-line processes, against a peer where one exists
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints, one a line:
 *   load-average-1min: N tasks
 *   flows-2400-json-process: N ms (node + d3-sankey N ms, N x)
 *       `waferline --flows T.csv --export OUT.json` against
 *       `node d3-sankey-flows.js T.csv … OUT.json` (read the table, lay it
 *       out with d3-sankey 0.12.3, write the same JSON), both as whole
 *       processes on the same 2,400-node, 6,600-link table at 1920 × 1400:
 *       the fastest wall time of runs that alternate between the two
 *   flows-2400-json-process-cpu: N ms (node + d3-sankey N ms, N x)
 *       the same runs in user + system CPU time (all threads)
 *   simulate-csv-2000x8000x520-process: N ms (median N ms, cpu N ms)
 *       `waferline --simulate S.waferline --csv DIR`: load, validate,
 *       simulate and write the tables (265 MB), fastest and median of the
 *       runs
 *   simulate-csv-2000x8000x520-simulate: N ms (N % of the process)
 *       loading, validating and simulating S.waferline in this process
 *       (what the process does before it writes), fastest of the runs
 *   simulate-csv-2000x8000x520-writing: N ms (N % of the process; cpu N ms)
 *       wfl_results_csv_write() of the same results in this process, the
 *       fastest of the runs: the writing's share of the process
 *   load-average-1min-end: N tasks
 *
 * `bench-process flows` or `bench-process simulate` runs only one part.
 * The node figures read "n/a" without node or bench/node_modules/d3-sankey
 * (./run.sh bench installs it).  WFL_EXE=PATH times another waferline
 * executable (a build of main, to compare).  Wall times on a shared machine measure the
 * neighbours too; the CPU figures and the load averages say how much.
 */

#define G_LOG_DOMAIN "wfl-bench"

#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "wfl-model.h"
#include "wfl-layered-scenario.h"

extern char **environ;

/* The executable timed: the one built with this bench, or $WFL_EXE. */
static const char *
waferline_exe (void)
{
  const char *exe = g_getenv ("WFL_EXE");

  return exe != NULL ? exe : WAFERLINE_EXE;
}

typedef struct
{
  double wall;   /* ms */
  double cpu;    /* ms, user + system of the process and its threads */
} Run;

static void
print_load_average (const char *name)
{
  double load[1];

  if (getloadavg (load, 1) == 1)
    g_print ("%s: %.2f tasks\n", name, load[0]);
}

/* Runs argv (standard output and error to /dev/null) and times it;
 * FALSE when it cannot start or fails. */
static gboolean
run_process (const char * const *argv,
             Run                *run)
{
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  gint64 t0 = g_get_monotonic_time ();
  pid_t pid;
  int status = 0;
  gboolean ok;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen (&actions, 2, "/dev/null", O_WRONLY, 0);
  ok = posix_spawnp (&pid, argv[0], &actions, NULL, (char **) argv, environ) == 0 &&
       wait4 (pid, &status, 0, &usage) == pid && WIFEXITED (status) && WEXITSTATUS (status) == 0;
  posix_spawn_file_actions_destroy (&actions);
  if (!ok)
    return FALSE;
  run->wall = (g_get_monotonic_time () - t0) / 1000.0;
  run->cpu = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
             (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  return TRUE;
}

static void
keep_fastest (Run       *best,
              const Run *run)
{
  best->wall = MIN (best->wall, run->wall);
  best->cpu = MIN (best->cpu, run->cpu);
}

/* bench-sankey's layered 2,400-node flow table (seed 2400, 12 layers,
 * 6,600 links), as CSV: every node fed from the layer before, near its own
 * place, a few links skipping a layer. */
static void
write_layered_flows (const char *path)
{
  const guint n_nodes = 2400, n_links = 6600, layers = 12, per = n_nodes / layers;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2400);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) csv = g_string_new ("source,target,value\n");
  g_autofree gboolean *has_out = g_new0 (gboolean, n_nodes);
  guint links = 0;

#define NODE(layer, k) ((layer) * per + (k))
#define ADD(s_, t_) G_STMT_START {                                             \
    guint s = (s_), t = (t_);                                                  \
    gint64 key = ((gint64) s << 32) | t;                                       \
    if (!g_hash_table_contains (pairs, &key))                                  \
      {                                                                        \
        double value = round (exp (g_rand_double_range (rand, -1, 3.5)) * 100) / 100; \
        char vbuf[G_ASCII_DTOSTR_BUF_SIZE];                                    \
        g_hash_table_add (pairs, g_memdup2 (&key, sizeof key));                \
        has_out[s] = TRUE;                                                     \
        links++;                                                               \
        g_string_append_printf (csv, "n%u,n%u,%s\n", s, t,                     \
                                g_ascii_dtostr (vbuf, sizeof vbuf, value));    \
      }                                                                        \
  } G_STMT_END

  for (guint layer = 1; layer < layers; layer++)
    for (guint k = 0; k < per; k++)
      {
        int span = MAX (1, per / 10);
        int from = (int) k + g_rand_int_range (rand, -span, span + 1);

        from = CLAMP (from, 0, (int) per - 1);
        ADD (NODE (layer - 1, from), NODE (layer, k));
      }
  for (guint layer = 0; layer + 1 < layers; layer++)
    for (guint k = 0; k < per; k++)
      if (!has_out[NODE (layer, k)])
        {
          int to = (int) k + g_rand_int_range (rand, -2, 3);

          to = CLAMP (to, 0, (int) per - 1);
          ADD (NODE (layer, k), NODE (layer + 1, to));
        }
  while (links < n_links)
    {
      guint layer = g_rand_int_range (rand, 0, layers - 1);
      guint skip = layer + 2 < layers && g_rand_double (rand) < 0.12 ? 2 : 1;
      guint k = g_rand_int_range (rand, 0, per);
      int span = MAX (2, per / 6);
      int to = (int) k + g_rand_int_range (rand, -span, span + 1);

      to = CLAMP (to, 0, (int) per - 1);
      ADD (NODE (layer, k), NODE (layer + skip, to));
    }
#undef ADD
#undef NODE

  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
}

static void
bench_flows (const char *dir)
{
  g_autofree char *csv = g_build_filename (dir, "layered-2400.csv", NULL);
  g_autofree char *json = g_build_filename (dir, "waferline.json", NULL);
  g_autofree char *d3_json = g_build_filename (dir, "d3.json", NULL);
  g_autofree char *script = g_build_filename (BENCH_SRCDIR, "d3-sankey-flows.js", NULL);
  g_autofree char *module = g_build_filename (BENCH_SRCDIR, "node_modules", "d3-sankey", NULL);
  g_autofree char *node = g_find_program_in_path ("node");
  const char *wfl_argv[] = { waferline_exe (), "--flows", csv, "--export", json, "--width", "1920", "--height", "1400", NULL };
  const char *d3_argv[] = { node, script, csv, "1920", "1400", d3_json, NULL };
  gboolean with_d3 = node != NULL && g_file_test (module, G_FILE_TEST_IS_DIR);
  Run wfl = { INFINITY, INFINITY }, d3 = { INFINITY, INFINITY }, run;

  write_layered_flows (csv);
  /* One untimed run of each warms the page cache; then they alternate,
   * so that both meet the same load. */
  for (int i = 0; i <= 7; i++)
    {
      g_assert_true (run_process (wfl_argv, &run));
      if (i > 0)
        keep_fastest (&wfl, &run);
      if (with_d3 && i < 6)
        {
          with_d3 = run_process (d3_argv, &run);
          if (i > 0)
            keep_fastest (&d3, &run);
        }
    }

  if (with_d3)
    {
      g_print ("flows-2400-json-process: %.0f ms (node + d3-sankey %.0f ms, %.1f x)\n",
               wfl.wall, d3.wall, d3.wall / wfl.wall);
      g_print ("flows-2400-json-process-cpu: %.0f ms (node + d3-sankey %.0f ms, %.1f x)\n",
               wfl.cpu, d3.cpu, d3.cpu / wfl.cpu);
    }
  else
    {
      g_print ("flows-2400-json-process: %.0f ms (node + d3-sankey n/a)\n", wfl.wall);
      g_print ("flows-2400-json-process-cpu: %.0f ms (node + d3-sankey n/a)\n", wfl.cpu);
    }
  if (g_getenv ("WFL_BENCH_KEEP") == NULL)
    {
      g_unlink (csv);
      g_unlink (json);
      g_unlink (d3_json);
    }
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static void
remove_tables (const char *dir)
{
  for (int t = 0; t < WFL_RESULTS_CSV_N_TABLES; t++)
    {
      g_autofree char *path = g_build_filename (dir, wfl_results_csv_get_filename (t), NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : (x > y);
}

/* Loads, validates and simulates file as `waferline --simulate` does. */
static WflSimulation *
load_and_simulate (GFile *file,
                   Run   *run)
{
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  WflSimulation *sim;
  gint64 t0 = g_get_monotonic_time ();
  double c0 = cpu_ms ();

  scenario = wfl_scenario_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  sim = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  run->cpu = cpu_ms () - c0;
  run->wall = (g_get_monotonic_time () - t0) / 1000.0;
  return sim;
}

#define SIMULATE_CSV_RUNS 5

static void
bench_simulate_csv (const char *dir)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (2023, 20, 100, 8000, 520);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "simulate.waferline", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) csv_dir = g_file_new_for_path (csv);
  const char *argv[] = { waferline_exe (), "--simulate", path, "--csv", csv, NULL };
  Run process = { INFINITY, INFINITY }, simulate = { INFINITY, INFINITY }, writing = { INFINITY, INFINITY }, run;
  double walls[SIMULATE_CSV_RUNS];

  g_assert_true (wfl_scenario_save_file (scenario, file, NULL, &error));
  g_assert_no_error (error);

  /* The whole process, the simulation and the writing alone alternate. */
  for (int i = 0; i < SIMULATE_CSV_RUNS; i++)
    {
      gint64 t0;
      double c0;

      remove_tables (csv);
      g_assert_true (run_process (argv, &run));
      keep_fastest (&process, &run);
      walls[i] = run.wall;

      g_clear_object (&sim);
      sim = load_and_simulate (file, &run);
      keep_fastest (&simulate, &run);

      remove_tables (csv);
      t0 = g_get_monotonic_time ();
      c0 = cpu_ms ();
      g_assert_true (wfl_results_csv_write (sim, csv_dir, NULL, &error));
      g_assert_no_error (error);
      run.cpu = cpu_ms () - c0;
      run.wall = (g_get_monotonic_time () - t0) / 1000.0;
      keep_fastest (&writing, &run);
    }

  qsort (walls, SIMULATE_CSV_RUNS, sizeof (double), compare_double);
  g_print ("simulate-csv-2000x8000x520-process: %.0f ms (median %.0f ms, cpu %.0f ms)\n",
           process.wall, walls[SIMULATE_CSV_RUNS / 2], process.cpu);
  g_print ("simulate-csv-2000x8000x520-simulate: %.0f ms (%.0f %% of the process)\n",
           simulate.wall, 100 * simulate.wall / process.wall);
  g_print ("simulate-csv-2000x8000x520-writing: %.0f ms (%.0f %% of the process; cpu %.0f ms)\n",
           writing.wall, 100 * writing.wall / process.wall, writing.cpu);
  remove_tables (csv);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-bench-process-XXXXXX", NULL);

  g_assert_nonnull (dir);
  print_load_average ("load-average-1min");
  if (argc < 2 || g_strcmp0 (argv[1], "flows") == 0)
    bench_flows (dir);
  if (argc < 2 || g_strcmp0 (argv[1], "simulate") == 0)
    bench_simulate_csv (dir);
  print_load_average ("load-average-1min-end");
  g_rmdir (dir);
  return 0;
}
