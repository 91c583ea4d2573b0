/* wfl-cli-experiment.c: --monte-carlo, --sweep and --knockout
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "wfl-cli-private.h"
#include "wfl-experiment-charts.h"
#include "wfl-experiment-xlsx.h"
#include "wfl-gantt-render.h"

/* The progress line on standard error: rewritten in place on a terminal,
 * else a line at every tenth. */
typedef struct
{
  const char *what;
  gboolean    tty;
  guint       last_tenth;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;
  guint tenth = total > 0 ? done * 10 / total : 10;

  if (p->tty)
    {
      g_printerr ("\r%s: %u / %u (%u%%)%s", p->what, done, total, total > 0 ? done * 100 / total : 100,
                  done == total ? "\n" : "");
      return;
    }
  if (tenth != p->last_tenth || done == total)
    {
      p->last_tenth = tenth;
      g_printerr ("%s: %u / %u (%u%%)\n", p->what, done, total, total > 0 ? done * 100 / total : 100);
    }
}

static gboolean
parse_guint64 (const char *option,
               const char *text,
               guint64     max,
               guint64    *out)
{
  if (text == NULL)
    return TRUE;
  if (!g_ascii_isdigit (text[0]) || !g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_autofree char *most = g_strdup_printf ("%" G_GUINT64_FORMAT, max);

      wfl_cli_print_error (_("%s: “%s” is not a whole number from 0 to %s"), option, text, most);
      return FALSE;
    }
  return TRUE;
}

/* --sweep PARAMETER:TARGET:MIN:MAX:STEP, TARGET a node id or FROM/TO for
 * a link's mix; "saved" takes the file's <sweep>. */
static gboolean
parse_sweep (const char     *text,
             WflScenario    *scenario,
             WflSweepSpec   *spec)
{
  const WflUncertainty *u = wfl_scenario_get_uncertainty (scenario);
  g_auto(GStrv) parts = NULL;
  double v[3];

  memset (spec, 0, sizeof *spec);
  if (g_strcmp0 (text, "saved") == 0)
    {
      if (!u->has_sweep)
        {
          wfl_cli_print_error (_("--sweep saved: the scenario has no saved <sweep>"));
          return FALSE;
        }
      *spec = u->sweep;
      spec->node = g_strdup (u->sweep.node);
      spec->link_from = g_strdup (u->sweep.link_from);
      spec->link_to = g_strdup (u->sweep.link_to);
      return TRUE;
    }
  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 5 || !wfl_sweep_parameter_from_string (parts[0], &spec->parameter) ||
      !wfl_parse_double (parts[2], &v[0]) || !wfl_parse_double (parts[3], &v[1]) || !wfl_parse_double (parts[4], &v[2]))
    {
      wfl_cli_print_error (_("--sweep: “%s” is not PARAMETER:TARGET:MIN:MAX:STEP (PARAMETER one of capacity-scale, "
                             "capacity-shift, lead-weeks, yield, mix; TARGET a node id, or FROM/TO for a mix)"), text);
      return FALSE;
    }
  if (spec->parameter == WFL_SWEEP_MIX)
    {
      g_auto(GStrv) link = g_strsplit (parts[1], "/", 2);

      spec->link_from = g_strdup (link[0]);
      spec->link_to = g_strdup (link[1]);
    }
  else
    spec->node = g_strdup (parts[1]);
  spec->min = v[0], spec->max = v[1], spec->step = v[2];
  return TRUE;
}

static void
clear_sweep (WflSweepSpec *spec)
{
  g_free (spec->node);
  g_free (spec->link_from);
  g_free (spec->link_to);
}

/* The sweep's rules are those of a saved <sweep>: checked on a copy that
 * holds it, with the messages of validation. */
static gboolean
check_sweep (WflScenario        *scenario,
             const WflSweepSpec *spec)
{
  g_autoptr(WflScenario) copy = wfl_scenario_copy (scenario);
  WflUncertainty *u = wfl_scenario_get_uncertainty (copy);
  g_autoptr(GPtrArray) problems = NULL;

  clear_sweep (&u->sweep);
  u->has_sweep = TRUE;
  u->sweep = *spec;
  u->sweep.node = g_strdup (spec->node);
  u->sweep.link_from = g_strdup (spec->link_from);
  u->sweep.link_to = g_strdup (spec->link_to);
  u->sweep.line = 0;
  problems = wfl_scenario_validate (copy);
  for (guint i = 0; i < problems->len; i++)
    wfl_cli_print_error ("--sweep: %s", ((WflProblem *) g_ptr_array_index (problems, i))->message);
  return problems->len == 0;
}

static int
write_tables (const WflCliOptions *options,
              WflExperimentTables *tables)
{
  g_autoptr(GError) error = NULL;

  if (options->csv_dir != NULL && !wfl_experiment_tables_write_csv (tables, options->csv_dir, &error))
    {
      g_autoptr(GFile) dir = g_file_new_for_commandline_arg (options->csv_dir);

      wfl_cli_print_write_error (dir, error);
      return 1;
    }
  if (options->xlsx_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->xlsx_path);

      if (!wfl_experiment_xlsx_write (tables, file, NULL, &error))
        {
          wfl_cli_print_write_error (file, error);
          return 1;
        }
    }
  return 0;
}

/* --export with an experiment: its chart (the fans, or with --chart gantt
 * the orders Gantt with whiskers, --chart criticality the criticality,
 * --chart lead-times the lead time histogram; the sweep chart; the risk
 * matrix, or with --chart sankey the Sankey with the worst knock-out). */
typedef struct
{
  WflMonteCarlo *mc;
  WflSweep      *sweep;
  WflKnockout   *knockout;
  const char    *which;       /* --chart */
  WflChartStyle  style;
} Chart;

static void
paint_chart (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  Chart *chart = user_data;

  if (chart->mc != NULL && g_strcmp0 (chart->which, "criticality") == 0)
    wfl_criticality_chart_paint (cr, width, height, chart->mc, &chart->style);
  else if (chart->mc != NULL && g_strcmp0 (chart->which, "lead-times") == 0)
    wfl_lead_histogram_paint (cr, width, height, chart->mc, &chart->style);
  else if (chart->mc != NULL)
    wfl_fan_chart_paint (cr, width, height, chart->mc, &chart->style);
  else if (chart->sweep != NULL)
    wfl_sweep_chart_paint (cr, width, height, chart->sweep, &chart->style);
  else
    wfl_risk_matrix_paint (cr, width, height, chart->knockout, 20, &chart->style);
}

/* --knockout --chart sankey: the Sankey of the run as written over the
 * experiment's window, the worst knock-out marked as the window's
 * Sankey marks it (the first row, when it loses units). */
static int
export_knockout_sankey (const WflCliOptions        *options,
                        WflScenario                *scenario,
                        const WflExperimentOptions *run,
                        WflKnockout                *knockout,
                        WflExportFormat             format,
                        GFile                      *file)
{
  WflSimulation *sim = wfl_knockout_get_simulation (knockout);
  const char *worst = NULL;

  if (wfl_knockout_get_n_rows (knockout) > 0 && wfl_knockout_get_row (knockout, 0)->worst_share > 0)
    worst = wfl_simulation_get_node_id (sim, wfl_knockout_get_row (knockout, 0)->node);
  /* With --compare BASE: the difference Sankey of FILE against BASE,
   * marked alike (the knock-outs are FILE's). */
  if (options->compare_path != NULL)
    return wfl_cli_export_compare_flagged (options, format, file, worst);
  return wfl_cli_export_sankey_flagged (options, scenario, sim, run->from_week, run->to_week, worst, format, file);
}

static int
export_chart (const WflCliOptions        *options,
              WflScenario                *scenario,
              const WflExperimentOptions *run,
              WflMonteCarlo              *mc,
              WflSweep                   *sweep,
              WflKnockout                *knockout)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->export_path);
  g_autoptr(GError) error = NULL;
  Chart chart = { mc, sweep, knockout, options->chart };
  WflExportFormat format;
  gboolean ok;

  if (!wfl_export_format_from_path (options->export_path, &format, &error))
    {
      wfl_cli_print_error ("%s", error->message);
      return 2;
    }
  if (knockout != NULL && g_strcmp0 (options->chart, "sankey") == 0)
    return export_knockout_sankey (options, scenario, run, knockout, format, file);
  if (mc != NULL && g_strcmp0 (options->chart, "gantt") == 0)
    {
      g_autoptr(WflGanttChart) gantt = wfl_gantt_chart_new_orders (wfl_monte_carlo_get_simulation (mc), NULL, &error);
      WflGanttExportOptions export_options;

      if (gantt == NULL)
        {
          wfl_cli_print_error ("%s", error->message);
          return 1;
        }
      wfl_gantt_chart_add_whiskers (gantt, mc);
      wfl_gantt_export_options_init (&export_options);
      export_options.width = options->width > 0 ? options->width : 1200;
      export_options.height = options->height;
      export_options.scale = options->scale;
      ok = wfl_gantt_export (gantt, NULL, &export_options, format, file, &error);
    }
  else if (format == WFL_EXPORT_FORMAT_JSON)
    {
      wfl_cli_print_error (_("The charts of the experiments export as PNG, SVG or PDF; their figures are in --csv"));
      return 2;
    }
  else
    {
      wfl_chart_style_init_light (&chart.style);
      ok = wfl_export_paint (format, file, options->width > 0 ? options->width : 1200,
                             options->height > 0 ? options->height : 800, options->scale > 0 ? options->scale : 1,
                             paint_chart, &chart, &error);
      wfl_chart_style_clear (&chart.style);
    }
  if (!ok)
    {
      wfl_cli_print_write_error (file, error);
      return 1;
    }
  return 0;
}

/* --chart with an experiment: checked before it runs. */
static gboolean
check_chart (const WflCliOptions *options)
{
  /* Only the knock-outs' mark has a place on the difference Sankey;
   * every other experiment would ignore the baseline. */
  if (options->compare_path != NULL &&
      (options->knockout == NULL || options->export_path == NULL || g_strcmp0 (options->chart, "sankey") != 0))
    {
      wfl_cli_print_error (_("--compare with an experiment only draws the difference Sankey of --knockout WEEKS "
                             "--chart sankey --export OUT; the other experiments run on FILE alone"));
      return FALSE;
    }
  if (options->chart == NULL ||
      (options->monte_carlo != NULL &&
       g_strv_contains ((const char * const[]) { "gantt", "criticality", "lead-times", NULL }, options->chart)) ||
      (options->knockout != NULL && strcmp (options->chart, "sankey") == 0))
    return TRUE;
  wfl_cli_print_error (_("--chart with an experiment: gantt, criticality or lead-times with --monte-carlo, "
                         "sankey with --knockout, not “%s”"), options->chart);
  return FALSE;
}

static gboolean
options_of (const WflCliOptions  *options,
            WflScenario          *scenario,
            WflExperimentOptions *out)
{
  const WflUncertainty *u = wfl_scenario_get_uncertainty (scenario);
  WflDate start = wfl_scenario_get_start (scenario);
  int weeks = wfl_scenario_get_weeks (scenario);
  int a = 0, b = weeks - 1;

  wfl_experiment_options_init (out);
  out->n_threads = options->threads;
  /* The saved window, unless --from/--to say otherwise. */
  if (options->from == NULL && options->to == NULL)
    {
      if (!wfl_week_window_of_dates (start, weeks, u->window_from, u->window_to, &a, &b))
        a = 0, b = weeks - 1;
    }
  else if (!wfl_cli_parse_window (options, start, weeks, 0, weeks - 1, &a, &b))
    return FALSE;
  out->from_week = a;
  out->to_week = b;
  return TRUE;
}

int
wfl_cli_experiment (const WflCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_cli_load_scenario (options->file, &error);
  WflExperimentTables tables = { 0 };
  WflExperimentOptions run;
  Progress progress = { NULL, isatty (STDERR_FILENO), G_MAXUINT };
  const WflUncertainty *u;
  int status;

  if (!check_chart (options))
    return 2;
  if (scenario == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  u = wfl_scenario_get_uncertainty (scenario);
  if (!options_of (options, scenario, &run))
    return 2;
  run.progress = progress_cb;
  run.user_data = &progress;

  if (options->monte_carlo != NULL)
    {
      guint64 samples = 0, seed = u->seed;
      g_autoptr(WflMonteCarlo) mc = NULL;

      if (!parse_guint64 ("--monte-carlo", options->monte_carlo, 1000000, &samples) ||
          !parse_guint64 ("--seed", options->seed, G_MAXUINT64, &seed))
        return 2;
      if (samples == 0)
        {
          wfl_cli_print_error (_("--monte-carlo: draw at least 1 sample"));
          return 2;
        }
      progress.what = _("Samples");
      mc = wfl_monte_carlo_run (scenario, (guint) samples, seed, &run, NULL, &error);
      if (mc == NULL)
        {
          wfl_cli_print_error ("%s", error->message);
          return 1;
        }
      wfl_monte_carlo_build_tables (mc, &tables);
      if (options->export_path != NULL && (status = export_chart (options, scenario, &run, mc, NULL, NULL)) != 0)
        {
          wfl_experiment_tables_clear (&tables);
          return status;
        }
    }
  else if (options->sweep != NULL)
    {
      WflSweepSpec spec;
      g_autoptr(WflSweep) sweep = NULL;

      if (!parse_sweep (options->sweep, scenario, &spec))
        return 2;
      if (!check_sweep (scenario, &spec))
        {
          clear_sweep (&spec);
          return 2;
        }
      progress.what = _("Sweep points");
      sweep = wfl_sweep_run (scenario, &spec, &run, NULL, &error);
      clear_sweep (&spec);
      if (sweep == NULL)
        {
          wfl_cli_print_error ("%s", error->message);
          return 1;
        }
      wfl_sweep_build_tables (sweep, &tables);
      if (options->export_path != NULL && (status = export_chart (options, scenario, &run, NULL, sweep, NULL)) != 0)
        {
          wfl_experiment_tables_clear (&tables);
          return status;
        }
    }
  else
    {
      guint64 weeks = (guint64) u->knockout_weeks;
      WflDate date = u->knockout_date;
      g_autoptr(WflKnockout) knockout = NULL;
      g_auto(GStrv) parts = g_strsplit (options->knockout, ":", 2);
      int first;

      if ((g_strcmp0 (parts[0], "saved") != 0 && !parse_guint64 ("--knockout", parts[0], 10000, &weeks)) ||
          (parts[0] != NULL && parts[1] != NULL && !wfl_cli_parse_date ("--knockout", parts[1], &date)))
        return 2;
      if (weeks < 1 || weeks > (guint64) wfl_scenario_get_weeks (scenario))
        {
          wfl_cli_print_error (_("--knockout: a knock-out lasts 1 to %d weeks (the calendar)"),
                               wfl_scenario_get_weeks (scenario));
          return 2;
        }
      first = date != WFL_DATE_NONE ? wfl_week_of_date (wfl_scenario_get_start (scenario), date) : 0;
      progress.what = _("Knock-outs");
      knockout = wfl_knockout_run (scenario, first, (int) weeks, &run, NULL, &error);
      if (knockout == NULL)
        {
          wfl_cli_print_error ("%s", error->message);
          return 1;
        }
      wfl_knockout_build_tables (knockout, &tables);
      if (options->export_path != NULL && (status = export_chart (options, scenario, &run, NULL, NULL, knockout)) != 0)
        {
          wfl_experiment_tables_clear (&tables);
          return status;
        }
    }

  status = options->csv_dir != NULL || options->xlsx_path != NULL ? write_tables (options, &tables) : 0;
  wfl_experiment_tables_clear (&tables);
  return status;
}
