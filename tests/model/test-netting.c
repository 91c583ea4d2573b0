/* test-netting.c: time-phased requests in the built-in scenario
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/model.md, "Needs and requests": a line asks for what its node can
 * start within the line's horizon, so a supplier that does not bind ships
 * in step with its consumer.  Read as an analyst reads the Sankey of the
 * built-in scenario:
 *
 *  - every quarter of 2023–2025, what each line that does not bind
 *    delivers into data-centre installation is within 15% of the GPUs
 *    installed × its per-unit (before time-phasing, 1.63 M transceivers
 *    and 550 k NICs went into 306 k GPUs in Q3 2023);
 *  - in every week, no line that did not bind its node that week holds
 *    more in front of it than the node means to start (its desired
 *    starts) over the line's horizon and one week more.
 */

#include "config.h"

#include <math.h>

#include "wfl-model.h"
#include "wfl-simulation.h"

static WflScenario *scenario;
static WflSimulation *simulation;

static int
node (const char *id)
{
  int i = wfl_simulation_find_node (simulation, id);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static double *
series (int        n,
        WflSeries  which)
{
  int W = wfl_simulation_get_n_weeks (simulation);
  double *values = g_new (double, W);

  wfl_simulation_get_node_series (simulation, n, which, values);
  return values;
}

/* The links of one input line of node `to`, and their per-unit. */
typedef struct
{
  int         to;
  const char *input;
  double      per_unit;
  int         horizon;     /* the longest supplier lead + transit + cover-weeks */
  GArray     *links;       /* of guint */
} Line;

static GPtrArray *
lines_of_scenario (void)
{
  GPtrArray *lines = g_ptr_array_new ();

  for (guint l = 0; l < wfl_simulation_get_n_links (simulation); l++)
    {
      int to = wfl_simulation_get_link_to (simulation, l);
      int from = wfl_simulation_get_link_from (simulation, l);
      const char *input = wfl_simulation_get_link_input (simulation, l);
      const WflLink *link = wfl_scenario_get_link (scenario, l);
      int h = wfl_simulation_get_node_lead_weeks (simulation, from) + link->transit_weeks + link->cover_weeks;
      Line *line = NULL;

      if (wfl_simulation_get_node_kind (simulation, to) == WFL_NODE_KIND_CUSTOMER)
        continue;
      for (guint i = 0; i < lines->len && line == NULL; i++)
        {
          Line *other = g_ptr_array_index (lines, i);

          if (other->to == to && g_strcmp0 (other->input, input) == 0)
            line = other;
        }
      if (line == NULL)
        {
          line = g_new0 (Line, 1);
          line->to = to;
          line->input = input;
          line->per_unit = link->per_unit;
          line->links = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (lines, line);
        }
      line->horizon = MAX (line->horizon, h);
      g_array_append_val (line->links, l);
    }
  return lines;
}

static void
line_free (gpointer data)
{
  Line *line = data;

  g_array_unref (line->links);
  g_free (line);
}

/* What arrived on the line in week t. */
static double
arrived (const Line *line,
         int         t)
{
  double sum = 0;

  for (guint k = 0; k < line->links->len; k++)
    {
      guint l = g_array_index (line->links, guint, k);
      int T = wfl_simulation_get_link_transit (simulation, l);

      if (t - T >= 0)
        sum += wfl_simulation_get_link_shipped (simulation, l, t - T);
    }
  return sum;
}

static gboolean
line_binds (const Line *line,
            int         t)
{
  const char *input = NULL;

  return wfl_simulation_get_binding (simulation, line->to, t, &input) == WFL_BINDING_INPUT &&
         g_strcmp0 (input, line->input) == 0;
}

static void
test_netting_installation_lines_track_installs (void)
{
  int install = node ("dc-install");
  WflDate start = wfl_simulation_get_start (simulation);
  g_autoptr(GPtrArray) lines = lines_of_scenario ();
  g_autofree double *starts = series (install, WFL_SERIES_STARTS);
  guint checked = 0;

  g_ptr_array_set_free_func (lines, line_free);
  for (int year = 2023; year <= 2025; year++)
    for (int q = 0; q < 4; q++)
      {
        int first = wfl_week_of_date (start, wfl_date_from_ymd (year, 1 + 3 * q, 1));
        int last = wfl_week_of_date (start, wfl_date_from_ymd (year + (q == 3), q == 3 ? 1 : 4 + 3 * q, 1)) - 1;
        double installed = 0;

        for (int t = first; t <= last; t++)
          installed += starts[t];
        g_assert_cmpfloat (installed, >, 0);
        for (guint i = 0; i < lines->len; i++)
          {
            const Line *line = g_ptr_array_index (lines, i);
            double delivered = 0;
            int bound = 0;

            if (line->to != install)
              continue;
            for (int t = first; t <= last; t++)
              {
                delivered += arrived (line, t);
                bound += line_binds (line, t);
              }
            if (bound > 0)
              continue;
            g_test_message ("%d Q%d: %s delivers %.0f for %.0f installed (× %g)",
                            year, q + 1, line->input, delivered, installed, line->per_unit);
            g_assert_cmpfloat (fabs (delivered / line->per_unit - installed), <=, 0.15 * installed);
            checked++;
          }
      }
  /* Switches, two kinds of transceivers and power, every quarter. */
  g_assert_cmpuint (checked, >=, 4 * 12);
}

static void
test_netting_buffers_within_horizon (void)
{
  int W = wfl_simulation_get_n_weeks (simulation);
  g_autoptr(GPtrArray) lines = lines_of_scenario ();
  guint checked = 0, held = 0;

  g_ptr_array_set_free_func (lines, line_free);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = g_ptr_array_index (lines, i);
      g_autofree double *starts = series (line->to, WFL_SERIES_STARTS);
      g_autofree double *requirement = series (line->to, WFL_SERIES_REQUIREMENT);
      g_autofree double *desired = series (line->to, WFL_SERIES_DESIRED);
      double pool = 0;

      for (int t = 0; t < W; t++)
        {
          double later = 0;

          pool += arrived (line, t) - starts[t] * line->per_unit;
          g_assert_cmpfloat (pool, >=, -1e-6 * MAX (1.0, fabs (pool)));
          /* Not when the line held the node back, nor when the node's
           * requirement runs out within the horizon (the calendar's last
           * orders are filled): what was on its way then stays. */
          if (t + line->horizon + 1 >= W || line_binds (line, t) ||
              requirement[t + line->horizon + 1] <= 0)
            continue;
          /* What the node means to start in the weeks the buffer is for
           * (its desired starts: it may be held back by another input,
           * in front of which material may wait). */
          for (int s = t + 1; s <= t + line->horizon + 1; s++)
            later += desired[s] * line->per_unit;
          if (pool > later * (1 + 1e-6) + 1e-6)
            g_test_message ("week %d: %s → %s holds %.1f, the node uses %.1f in %d weeks",
                            t, line->input, wfl_simulation_get_node_id (simulation, line->to),
                            pool, later, line->horizon + 1);
          g_assert_cmpfloat (pool, <=, later * (1 + 1e-6) + 1e-6);
          checked++;
          if (pool > 0)
            held++;
        }
    }
  g_test_message ("%u line-weeks checked, %u of them with material waiting", checked, held);
  g_assert_cmpuint (checked, >, 1000);
  g_assert_cmpuint (held, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  scenario = wfl_scenario_new_builtin (&error);
  g_assert_no_error (error);
  simulation = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));

  g_test_add_func ("/wfl/model/netting/installation-lines-track-installs", test_netting_installation_lines_track_installs);
  g_test_add_func ("/wfl/model/netting/buffers-within-horizon", test_netting_buffers_within_horizon);

  status = g_test_run ();
  g_clear_object (&simulation);
  g_clear_object (&scenario);
  return status;
}
