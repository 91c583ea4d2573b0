/* test-gantt-layout.c: the pipeline plan, the time axis and hit-testing
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gantt-fixtures.h"
#include "wfl-gantt-layout.h"

static const WflGanttRow *
find_row (const WflGanttChart *chart,
          const char          *id,
          guint               *index)
{
  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      if (g_strcmp0 (row->id, id) == 0)
        {
          if (index)
            *index = r;
          return row;
        }
    }
  return NULL;
}

static const WflGanttBar *
bar_of (const WflGanttChart *chart,
        const char          *id)
{
  const WflGanttRow *row = find_row (chart, id, NULL);

  g_assert_nonnull (row);
  g_assert_cmpuint (row->bars->len, ==, 1);
  return &g_array_index (row->bars, WflGanttBar, 0);
}

static void
assert_bar (const WflGanttChart *chart,
            const char          *id,
            double               start,
            double               end,
            gboolean             critical,
            double               slack)
{
  const WflGanttBar *bar = bar_of (chart, id);

  g_test_message ("%s: %g-%g critical %d slack %g", id, bar->start, bar->end, bar->critical, bar->slack);
  g_assert_cmpfloat_with_epsilon (bar->start, start, 1e-9);
  g_assert_cmpfloat_with_epsilon (bar->end, end, 1e-9);
  g_assert_cmpint (bar->critical, ==, critical);
  g_assert_cmpfloat_with_epsilon (bar->slack, slack, 1e-9);
}

static WflGanttLayoutOptions
options_for (double width)
{
  WflGanttLayoutOptions options;

  wfl_gantt_layout_options_init (&options);
  options.width = width;
  options.measure = fixture_measure;
  return options;
}

/* ---- The pipeline plan ------------------------------------------------- */

static void
test_pipeline_schedule (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, "meta", WFL_DATE_NONE, &error);
  const WflGanttRow *meta;

  g_assert_no_error (error);
  g_assert_nonnull (chart);
  g_assert_cmpint (chart->mode, ==, WFL_GANTT_MODE_PIPELINE);

  /* 8 stages and 4 transits upstream of meta; tpu and google are not. */
  g_assert_cmpuint (chart->rows->len, ==, 8 + 4);
  g_assert_null (find_row (chart, "tpu", NULL));
  g_assert_null (find_row (chart, "google", NULL));
  g_assert_null (find_row (chart, "msft", NULL));

  /* The schedule worked out by hand in gantt-fixtures.h. */
  assert_bar (chart, "wafer", 0, 13, FALSE, 14);
  assert_bar (chart, "wafer->cowos", 13, 14, FALSE, 14);
  assert_bar (chart, "dram", 0, 10, TRUE, 0);
  assert_bar (chart, "hbm", 10, 26, TRUE, 0);
  assert_bar (chart, "hbm->cowos", 26, 28, TRUE, 0);
  assert_bar (chart, "substrate", 0, 8, FALSE, 20);
  assert_bar (chart, "cowos", 28, 34, TRUE, 0);
  assert_bar (chart, "test", 34, 36, TRUE, 0);
  assert_bar (chart, "test->server", 36, 37, TRUE, 0);
  assert_bar (chart, "server", 37, 41, TRUE, 0);
  assert_bar (chart, "server->meta", 41, 43, TRUE, 0);
  assert_bar (chart, "meta", 43, 43, TRUE, 0);

  g_assert_cmpint (bar_of (chart, "hbm->cowos")->kind, ==, WFL_GANTT_BAR_TRANSIT);
  g_assert_cmpint (bar_of (chart, "hbm")->kind, ==, WFL_GANTT_BAR_WORK);
  g_assert_cmpstr (find_row (chart, "cowos", NULL)->group, ==, "TSMC");

  /* The customer's row has the placed marker at the order date. */
  meta = find_row (chart, "meta", NULL);
  g_assert_cmpuint (meta->markers->len, ==, 1);
  g_assert_cmpint (g_array_index (meta->markers, WflGanttMarker, 0).kind, ==, WFL_GANTT_MARKER_PLACED);
  g_assert_cmpfloat (g_array_index (meta->markers, WflGanttMarker, 0).week, ==, 0);

  /* Rows in order of their start. */
  for (guint r = 1; r < chart->rows->len; r++)
    {
      const WflGanttRow *a = g_ptr_array_index (chart->rows, r - 1);
      const WflGanttRow *b = g_ptr_array_index (chart->rows, r);

      g_assert_cmpfloat (g_array_index (a->bars, WflGanttBar, 0).start, <=,
                         g_array_index (b->bars, WflGanttBar, 0).start);
    }
}

static void
test_pipeline_placed_later (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  /* Placed on a Thursday, 10 weeks and 3 days after the calendar start. */
  WflDate placed = wfl_date_from_ymd (2023, 1, 2) + 73;
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, "meta", placed, NULL);
  double p = 73.0 / 7.0;

  assert_bar (chart, "dram", p, p + 10, TRUE, 0);
  assert_bar (chart, "cowos", p + 28, p + 34, TRUE, 0);
  assert_bar (chart, "meta", p + 43, p + 43, TRUE, 0);
  g_assert_cmpuint (wfl_gantt_chart_date_of_week (chart, bar_of (chart, "meta")->start), ==, placed + 43 * 7);
}

static void
test_pipeline_all_customers (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, NULL);

  /* Every stage, and the 5 links with transit. */
  g_assert_cmpuint (chart->rows->len, ==, 11 + 5);

  /* The latest delivery (meta, 43) sets the end: Microsoft at 42 has a
   * week of slack, Google at 5 has 38. */
  assert_bar (chart, "msft", 42, 42, FALSE, 1);
  assert_bar (chart, "server->msft", 41, 42, FALSE, 1);
  assert_bar (chart, "google", 5, 5, FALSE, 38);
  assert_bar (chart, "tpu", 0, 5, FALSE, 38);
  assert_bar (chart, "meta", 43, 43, TRUE, 0);
  assert_bar (chart, "server", 37, 41, TRUE, 0);
}

static void
test_pipeline_dependencies (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, "meta", WFL_DATE_NONE, NULL);
  guint n_critical = 0;

  /* A link without transit is one arrow, with transit two: 7 links
   * upstream of meta, 4 with transit. */
  g_assert_cmpuint (chart->dependencies->len, ==, 7 + 4);

  for (guint i = 0; i < chart->dependencies->len; i++)
    {
      const WflGanttDependency *dep = &g_array_index (chart->dependencies, WflGanttDependency, i);
      const WflGanttRow *from = g_ptr_array_index (chart->rows, dep->from_row);
      const WflGanttRow *to = g_ptr_array_index (chart->rows, dep->to_row);
      const WflGanttBar *a = &g_array_index (from->bars, WflGanttBar, dep->from_bar);
      const WflGanttBar *b = &g_array_index (to->bars, WflGanttBar, dep->to_bar);

      /* Finish to start: never backwards; tight on the critical path. */
      g_assert_cmpfloat (a->end, <=, b->start + 1e-9);
      if (dep->critical)
        {
          g_assert_true (a->critical && b->critical);
          g_assert_cmpfloat_with_epsilon (a->end, b->start, 1e-9);
          n_critical++;
        }
    }
  /* dram→hbm, hbm→transit→cowos, cowos→test, test→transit→server,
   * server→transit→meta. */
  g_assert_cmpuint (n_critical, ==, 8);
}

static void
test_pipeline_errors (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(GError) error = NULL;
  WflGanttChart *chart;

  chart = wfl_gantt_chart_new_pipeline (scenario, "nobody", WFL_DATE_NONE, &error);
  g_assert_null (chart);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);

  chart = wfl_gantt_chart_new_pipeline (scenario, "cowos", WFL_DATE_NONE, &error);
  g_assert_null (chart);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);

  /* A cycle upstream of meta. */
  fixture_link (scenario, "test", "hbm", 0);
  chart = wfl_gantt_chart_new_pipeline (scenario, "meta", WFL_DATE_NONE, &error);
  g_assert_null (chart);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID);
}

/* Capacity in the pipeline: a pool is no stage; the expansions under way
 * while the order is in the pipeline are rows of their own (the dates of
 * tests/data/valid-capacity.waferline, as tests/cli/test-cli.c works
 * them out: an order placed in week 39 is delivered in week 45). */
static void
test_pipeline_capacity (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-capacity.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_load_file (file, NULL, NULL, &error);
  g_autoptr(WflGanttChart) early = NULL;
  g_autoptr(WflGanttChart) chart = NULL;
  const WflGanttRow *row;
  const WflGanttBar *bar;

  g_assert_no_error (error);
  early = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, &error);
  g_assert_no_error (error);
  g_assert_null (find_row (early, "cowos-capacity", NULL));
  g_assert_nonnull (find_row (early, "nv-cowos", NULL));
  /* Placed in week 0 and delivered in week 6: no expansion is under way. */
  for (guint r = 0; r < early->rows->len; r++)
    g_assert_false (g_str_has_prefix (((WflGanttRow *) g_ptr_array_index (early->rows, r))->id, "expansion/"));

  chart = wfl_gantt_chart_new_pipeline (scenario, NULL, wfl_date_from_ymd (2023, 10, 2), &error);
  g_assert_no_error (error);
  g_assert_null (find_row (chart, "expansion/cowos-capacity/2", NULL));
  g_assert_null (find_row (chart, "expansion/dies/0", NULL));

  /* Ordered in week 13, delivered 26 weeks later, qualified in week 52. */
  row = find_row (chart, "expansion/cowos-capacity/0", NULL);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->group, ==, "Capacity expansions");
  g_assert_cmpuint (row->bars->len, ==, 2);
  bar = &g_array_index (row->bars, WflGanttBar, 0);
  g_assert_cmpfloat (bar->start, ==, 13);
  g_assert_cmpfloat (bar->end, ==, 39);
  bar = &g_array_index (row->bars, WflGanttBar, 1);
  g_assert_cmpfloat (bar->end, ==, 52);
  g_assert_cmpstr (bar->note, ==, "Qualification");
  g_assert_cmpfloat (g_array_index (row->markers, WflGanttMarker, 1).week, ==, 52);

  /* The tools (weeks 39 to 72), installation (to 74), qualification (to 87). */
  row = find_row (chart, "expansion/cowos-capacity/1", NULL);
  g_assert_nonnull (row);
  g_assert_cmpuint (row->bars->len, ==, 3);
  bar = &g_array_index (row->bars, WflGanttBar, 0);
  g_assert_cmpstr (bar->stage, ==, "cowos-tools");
  g_assert_cmpfloat (bar->start, ==, 39);
  g_assert_cmpfloat (bar->end, ==, 72);
  g_assert_cmpstr (bar->note, ==, "Tools from CoWoS tool makers");
  bar = &g_array_index (row->bars, WflGanttBar, 1);
  g_assert_cmpint (bar->kind, ==, WFL_GANTT_BAR_TRANSIT);
  g_assert_cmpfloat (bar->end, ==, 74);
  bar = &g_array_index (row->bars, WflGanttBar, 2);
  g_assert_cmpfloat (bar->end, ==, 87);
  g_assert_cmpint (g_array_index (row->markers, WflGanttMarker, 1).kind, ==, WFL_GANTT_MARKER_FILLED);
}

/* ---- The time axis ----------------------------------------------------- */

/* Checks every cell of a tier: contiguous, at the x of its date, with
 * the expected labels in order. */
static void
assert_tier (const WflGanttLayout *layout,
             const GArray         *cells,
             const char * const   *labels)
{
  guint n = g_strv_length ((char **) labels);

  g_assert_cmpuint (cells->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const WflGanttCell *c = &g_array_index (cells, WflGanttCell, i);
      double x = layout->body.x0 +
                 (((double) c->date - (double) layout->chart->start) / 7.0 - layout->from) * layout->px_per_week;

      g_assert_cmpstr (c->label, ==, labels[i]);
      g_assert_cmpfloat_with_epsilon (c->x0, x, 1e-6);
      g_assert_cmpfloat (c->x1, >, c->x0);
      if (i > 0)
        g_assert_cmpfloat_with_epsilon (c->x0, g_array_index (cells, WflGanttCell, i - 1).x1, 1e-6);
    }
  /* The tier covers the range. */
  g_assert_cmpfloat (g_array_index (cells, WflGanttCell, 0).x0, <=, layout->body.x0 + 1e-6);
  g_assert_cmpfloat (g_array_index (cells, WflGanttCell, n - 1).x1, >=,
                     wfl_gantt_layout_x_of_week (layout, layout->to) - 1e-6);
}

static WflGanttLayout *
axis_layout (WflGanttChart *chart,
             WflZoom        zoom,
             WflDate        from,
             WflDate        to)
{
  WflGanttLayoutOptions options = options_for (800);

  options.fit = FALSE;
  options.zoom = zoom;
  options.from = wfl_gantt_chart_week_of_date (chart, from);
  options.to = wfl_gantt_chart_week_of_date (chart, to);
  return wfl_gantt_layout_new (chart, &options);
}

static void
test_axis_week (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  /* Calendar weeks start on Monday 2023-01-02. */
  g_autoptr(WflGanttLayout) layout = axis_layout (chart, WFL_ZOOM_WEEK,
                                                  wfl_date_from_ymd (2023, 1, 23),
                                                  wfl_date_from_ymd (2023, 3, 6));
  const char * const major[] = { "Jan 2023", "Feb 2023", "Mar 2023", NULL };
  const char * const minor[] = { "23", "30", "6", "13", "20", "27", NULL };

  g_assert_cmpint (layout->zoom, ==, WFL_ZOOM_WEEK);
  g_assert_cmpfloat (layout->px_per_week, ==, wfl_gantt_zoom_px_per_week (WFL_ZOOM_WEEK));
  assert_tier (layout, layout->major, major);
  assert_tier (layout, layout->minor, minor);
  /* The first week starts exactly at the left of the body. */
  g_assert_cmpfloat_with_epsilon (g_array_index (layout->minor, WflGanttCell, 0).x0, layout->body.x0, 1e-9);
  g_assert_cmpuint (g_array_index (layout->major, WflGanttCell, 1).date, ==, wfl_date_from_ymd (2023, 2, 1));
}

static void
test_axis_month (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  g_autoptr(WflGanttLayout) layout = axis_layout (chart, WFL_ZOOM_MONTH,
                                                  wfl_date_from_ymd (2023, 2, 15),
                                                  wfl_date_from_ymd (2023, 8, 1));
  const char * const major[] = { "Q1 2023", "Q2 2023", "Q3 2023", NULL };
  const char * const minor[] = { "Feb", "Mar", "Apr", "May", "Jun", "Jul", NULL };

  g_assert_cmpint (layout->zoom, ==, WFL_ZOOM_MONTH);
  assert_tier (layout, layout->major, major);
  assert_tier (layout, layout->minor, minor);
}

static void
test_axis_quarter (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  g_autoptr(WflGanttLayout) layout = axis_layout (chart, WFL_ZOOM_QUARTER,
                                                  wfl_date_from_ymd (2023, 5, 1),
                                                  wfl_date_from_ymd (2024, 12, 31));
  const char * const major[] = { "2023", "2024", NULL };
  const char * const minor[] = { "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4", NULL };

  g_assert_cmpint (layout->zoom, ==, WFL_ZOOM_QUARTER);
  assert_tier (layout, layout->major, major);
  assert_tier (layout, layout->minor, minor);
}

static void
test_axis_year (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  g_autoptr(WflGanttLayout) layout = axis_layout (chart, WFL_ZOOM_YEAR,
                                                  wfl_date_from_ymd (2018, 3, 1),
                                                  wfl_date_from_ymd (2031, 6, 1));
  const char * const major[] = { "2010s", "2020s", "2030s", NULL };
  const char * const minor[] = { "2018", "2019", "2020", "2021", "2022", "2023", "2024",
                                 "2025", "2026", "2027", "2028", "2029", "2030", "2031", NULL };

  g_assert_cmpint (layout->zoom, ==, WFL_ZOOM_YEAR);
  assert_tier (layout, layout->major, major);
  assert_tier (layout, layout->minor, minor);
}

static void
test_zoom_to_fit (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  const struct
  {
    double  weeks;
    WflZoom expected;
  } cases[] = {
    { 12, WFL_ZOOM_WEEK },
    { 52, WFL_ZOOM_MONTH },
    { 150, WFL_ZOOM_QUARTER },
    { 600, WFL_ZOOM_YEAR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WflGanttLayoutOptions options = options_for (900);
      g_autoptr(WflGanttLayout) layout = NULL;
      double avail;

      options.from = 0;
      options.to = cases[i].weeks;
      layout = wfl_gantt_layout_new (chart, &options);
      g_test_message ("%g weeks: zoom %s, %g px/week", cases[i].weeks,
                      wfl_zoom_to_string (layout->zoom), layout->px_per_week);
      g_assert_cmpint (layout->zoom, ==, cases[i].expected);

      /* The range fills the body, less the right margin for the notes. */
      avail = layout->body.x1 - layout->body.x0;
      g_assert_cmpfloat (layout->content_width, <=, avail);
      g_assert_cmpfloat (layout->content_width, >=, avail - 120);

      /* The level is the most detailed one whose labels fit. */
      g_assert_cmpfloat (layout->px_per_week, >=, wfl_gantt_zoom_min_px_per_week (layout->zoom));
      if (layout->zoom > WFL_ZOOM_WEEK)
        g_assert_cmpfloat (layout->px_per_week, <, wfl_gantt_zoom_min_px_per_week (layout->zoom - 1));

      /* Every lower-tier label fits its cell at the chosen level (but the
       * cells cut by the ends of the range). */
      for (guint c = 1; c + 1 < layout->minor->len; c++)
        {
          const WflGanttCell *cell = &g_array_index (layout->minor, WflGanttCell, c);

          g_assert_cmpfloat (fixture_measure (cell->label, FALSE, NULL) * 0.85, <=, cell->x1 - cell->x0);
        }
    }
}

/* ---- Rows, bars, as-of, label column ---------------------------------- */

static void
assert_no_overlap (const WflGanttLayout *layout)
{
  const WflGanttChart *chart = layout->chart;

  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);
      const WflGanttRowBox *box = &g_array_index (layout->rows, WflGanttRowBox, r);

      g_assert_cmpuint (box->bars->len, ==, row->bars->len);
      g_assert_cmpfloat_with_epsilon (box->y1 - box->y0, layout->row_height, 1e-9);
      for (guint i = 0; i < box->bars->len; i++)
        {
          const WflGanttBarBox *a = &g_array_index (box->bars, WflGanttBarBox, i);

          /* Inside its row. */
          g_assert_cmpfloat (a->rect.y0, >=, box->y0);
          g_assert_cmpfloat (a->rect.y1, <=, box->y1);
          g_assert_cmpfloat (a->rect.x1, >=, a->rect.x0);
          for (guint j = i + 1; j < box->bars->len; j++)
            {
              const WflGanttBarBox *b = &g_array_index (box->bars, WflGanttBarBox, j);

              g_assert_true (a->rect.x1 <= b->rect.x0 + 1e-9 || b->rect.x1 <= a->rect.x0 + 1e-9);
            }
        }
      /* Rows are stacked without gaps. */
      if (r > 0)
        g_assert_cmpfloat_with_epsilon (box->y0, g_array_index (layout->rows, WflGanttRowBox, r - 1).y1, 1e-9);
    }
}

static void
test_bars_do_not_overlap (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) pipeline = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, NULL);
  g_autoptr(WflGanttChart) orders = fixture_orders_chart ();
  WflGanttLayoutOptions options = options_for (1000);
  g_autoptr(WflGanttLayout) a = wfl_gantt_layout_new (pipeline, &options);
  g_autoptr(WflGanttLayout) b = wfl_gantt_layout_new (orders, &options);

  assert_no_overlap (a);
  assert_no_overlap (b);

  /* Natural height: the header, every row, no legend. */
  g_assert_cmpfloat_with_epsilon (b->height, b->header.y1 + 3 * b->row_height, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->content_height, 3 * b->row_height, 1e-9);
}

static void
test_as_of_line (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  WflGanttLayoutOptions options = options_for (1000);
  g_autoptr(WflGanttLayout) layout = NULL;
  g_autoptr(WflGanttLayout) scrolled = NULL;
  g_autoptr(WflGanttLayout) none = NULL;

  options.from = 0;
  options.to = 52;
  layout = wfl_gantt_layout_new (chart, &options);
  g_assert_cmpfloat_with_epsilon (layout->as_of_x, layout->body.x0 + 20 * layout->px_per_week, 1e-9);
  /* Between the x of the weeks either side. */
  g_assert_cmpfloat (layout->as_of_x, >, wfl_gantt_layout_x_of_week (layout, 19.5));
  g_assert_cmpfloat (layout->as_of_x, <, wfl_gantt_layout_x_of_week (layout, 20.5));
  g_assert_cmpfloat_with_epsilon (wfl_gantt_layout_week_of_x (layout, layout->as_of_x), 20, 1e-9);

  /* Scrolling moves it, and everything else, left by the scroll. */
  options.fit = FALSE;
  options.zoom = WFL_ZOOM_WEEK;
  options.scroll_x = 100;
  scrolled = wfl_gantt_layout_new (chart, &options);
  g_assert_cmpfloat (scrolled->scroll_x, ==, 100);
  g_assert_cmpfloat_with_epsilon (scrolled->as_of_x,
                                  scrolled->body.x0 + 20 * scrolled->px_per_week - 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (g_array_index (scrolled->rows, WflGanttRowBox, 0).bars,
                                                 WflGanttBarBox, 0).rect.x0,
                                  scrolled->body.x0 - 100, 1e-9);

  /* Scrolling is clamped to the content. */
  options.scroll_x = 1e6;
  options.scroll_y = 1e6;
  g_clear_pointer (&scrolled, wfl_gantt_layout_free);
  scrolled = wfl_gantt_layout_new (chart, &options);
  g_assert_cmpfloat_with_epsilon (scrolled->scroll_x,
                                  scrolled->content_width - (scrolled->body.x1 - scrolled->body.x0), 1e-9);
  g_assert_cmpfloat (scrolled->scroll_y, ==, 0);

  chart->as_of = NAN;
  none = wfl_gantt_layout_new (chart, &options);
  g_assert_true (isnan (none->as_of_x));
}

static void
test_label_column (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  WflGanttLayoutOptions options = options_for (1000);
  g_autoptr(WflGanttLayout) before = wfl_gantt_layout_new (chart, &options);
  g_autoptr(WflGanttLayout) after = NULL;
  WflGanttRow *row;

  /* "Microsoft #1" + gap + "Microsoft" is the widest. */
  g_assert_cmpfloat (before->labels.x1, >=, fixture_measure ("Microsoft #1", FALSE, NULL) +
                                            fixture_measure ("Microsoft", FALSE, NULL));
  g_assert_cmpfloat (before->body.x0, ==, before->labels.x1);

  row = wfl_gantt_chart_add_row (chart, "x", "A much longer order label than the others", NULL);
  after = wfl_gantt_layout_new (chart, &options);
  g_assert_cmpfloat (after->labels.x1, >=, fixture_measure (row->label, FALSE, NULL));
  g_assert_cmpfloat (after->labels.x1, >, before->labels.x1);

  /* But never more than 40% of the width. */
  g_free (row->label);
  row->label = g_strnfill (400, 'x');
  g_clear_pointer (&after, wfl_gantt_layout_free);
  after = wfl_gantt_layout_new (chart, &options);
  g_assert_cmpfloat (after->labels.x1, <=, 400);
}

/* ---- Hit-testing ------------------------------------------------------- */

static void
test_hit_test (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  WflGanttLayoutOptions options = options_for (1000);
  g_autoptr(WflGanttLayout) layout = wfl_gantt_layout_new (chart, &options);
  const WflGanttRowBox *box = &g_array_index (layout->rows, WflGanttRowBox, 1);
  const WflGanttBarBox *bar = &g_array_index (box->bars, WflGanttBarBox, 3);
  const WflGanttMarkerBox *due = &g_array_index (box->markers, WflGanttMarkerBox, 1);
  const WflGanttMarkerBox *placed = &g_array_index (box->markers, WflGanttMarkerBox, 0);
  WflGanttHit hit, expected;
  double cy = (box->y0 + box->y1) / 2;

  /* The middle of a bar (Meta #2's CoWoS work, clear of the markers). */
  hit = wfl_gantt_layout_hit_test (layout, (bar->rect.x0 + bar->rect.x1) / 2 - 10, cy);
  expected = (WflGanttHit) { WFL_GANTT_HIT_BAR, 1, 3 };
  g_assert_true (wfl_gantt_hit_equal (&hit, &expected));

  /* A marker wins over the bar under it. */
  hit = wfl_gantt_layout_hit_test (layout, due->x, due->y);
  expected = (WflGanttHit) { WFL_GANTT_HIT_MARKER, 1, 1 };
  g_assert_true (wfl_gantt_hit_equal (&hit, &expected));
  hit = wfl_gantt_layout_hit_test (layout, placed->x, placed->y - 2);
  expected = (WflGanttHit) { WFL_GANTT_HIT_MARKER, 1, 0 };
  g_assert_true (wfl_gantt_hit_equal (&hit, &expected));

  /* Empty time in a row, and the row's label. */
  hit = wfl_gantt_layout_hit_test (layout, layout->body.x1 - 2, cy);
  expected = (WflGanttHit) { WFL_GANTT_HIT_ROW, 1, -1 };
  g_assert_true (wfl_gantt_hit_equal (&hit, &expected));
  hit = wfl_gantt_layout_hit_test (layout, 5, cy);
  g_assert_true (wfl_gantt_hit_equal (&hit, &expected));

  /* Just above a bar in its row's margin is the row, not the bar. */
  hit = wfl_gantt_layout_hit_test (layout, (bar->rect.x0 + bar->rect.x1) / 2 - 10, box->y0 + 1);
  g_assert_cmpint (hit.kind, ==, WFL_GANTT_HIT_ROW);

  /* The header, and below the last row: nothing. */
  hit = wfl_gantt_layout_hit_test (layout, (bar->rect.x0 + bar->rect.x1) / 2, layout->header.y1 - 5);
  g_assert_cmpint (hit.kind, ==, WFL_GANTT_HIT_NONE);
  g_assert_cmpint (hit.row, ==, -1);
  hit = wfl_gantt_layout_hit_test (layout, 300, layout->body.y1 + 3);
  g_assert_cmpint (hit.kind, ==, WFL_GANTT_HIT_NONE);
}

static void
test_hit_test_milestone (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, "meta", WFL_DATE_NONE, NULL);
  WflGanttLayoutOptions options = options_for (1000);
  g_autoptr(WflGanttLayout) layout = wfl_gantt_layout_new (chart, &options);
  guint r = 0;
  const WflGanttRowBox *box;
  const WflGanttBarBox *bar;
  WflGanttHit hit;

  /* Meta's delivery is a zero-length bar drawn as a diamond. */
  g_assert_nonnull (find_row (chart, "meta", &r));
  box = &g_array_index (layout->rows, WflGanttRowBox, r);
  bar = &g_array_index (box->bars, WflGanttBarBox, 0);
  g_assert_cmpfloat (bar->rect.x0, ==, bar->rect.x1);
  hit = wfl_gantt_layout_hit_test (layout, bar->rect.x0 + 3, (box->y0 + box->y1) / 2);
  g_assert_cmpint (hit.kind, ==, WFL_GANTT_HIT_BAR);
  g_assert_cmpint (hit.row, ==, (int) r);
  hit = wfl_gantt_layout_hit_test (layout, bar->rect.x0 - 30, (box->y0 + box->y1) / 2);
  g_assert_cmpint (hit.kind, ==, WFL_GANTT_HIT_ROW);
}

/* Scrolling a built layout gives the same geometry as building it
 * scrolled, arrows, header and as-of line included. */
static void
test_set_scroll (void)
{
  g_autoptr(WflScenario) s = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (s, NULL, WFL_DATE_NONE, NULL);
  g_autoptr(WflGanttLayout) built = NULL;
  g_autoptr(WflGanttLayout) moved = NULL;
  WflGanttLayoutOptions options;

  chart->as_of = 20;
  wfl_gantt_layout_options_init (&options);
  options.width = 600;
  options.height = 200;
  options.fit = FALSE;
  options.zoom = WFL_ZOOM_WEEK;
  options.measure = fixture_measure;

  moved = wfl_gantt_layout_new (chart, &options);
  options.scroll_x = 333;
  options.scroll_y = 57;
  built = wfl_gantt_layout_new (chart, &options);
  g_assert_cmpfloat (built->scroll_x, ==, 333);
  g_assert_cmpfloat (built->scroll_y, ==, 57);

  /* Far beyond the content, then back: clamped like the options. */
  wfl_gantt_layout_set_scroll (moved, 1e6, 1e6);
  g_assert_cmpfloat (moved->scroll_x, ==, moved->content_width - (moved->body.x1 - moved->body.x0));
  g_assert_cmpfloat (moved->scroll_y, ==, moved->content_height - (moved->body.y1 - moved->body.y0));
  wfl_gantt_layout_set_scroll (moved, 333, 57);
  g_assert_cmpfloat (moved->scroll_x, ==, 333);
  g_assert_cmpfloat (moved->scroll_y, ==, 57);

  for (guint r = 0; r < built->rows->len; r++)
    {
      const WflGanttRowBox *a = &g_array_index (built->rows, WflGanttRowBox, r);
      const WflGanttRowBox *b = &g_array_index (moved->rows, WflGanttRowBox, r);

      g_assert_cmpfloat_with_epsilon (a->y0, b->y0, 1e-6);
      for (guint i = 0; i < a->bars->len; i++)
        {
          const WflGanttBarBox *x = &g_array_index (a->bars, WflGanttBarBox, i);
          const WflGanttBarBox *y = &g_array_index (b->bars, WflGanttBarBox, i);

          g_assert_cmpfloat_with_epsilon (x->rect.x0, y->rect.x0, 1e-6);
          g_assert_cmpfloat_with_epsilon (x->rect.x1, y->rect.x1, 1e-6);
          g_assert_cmpfloat_with_epsilon (x->rect.y0, y->rect.y0, 1e-6);
          g_assert_cmpfloat_with_epsilon (x->slack_x1, y->slack_x1, 1e-6);
        }
      for (guint i = 0; i < a->markers->len; i++)
        {
          g_assert_cmpfloat_with_epsilon (g_array_index (a->markers, WflGanttMarkerBox, i).x,
                                          g_array_index (b->markers, WflGanttMarkerBox, i).x, 1e-6);
          g_assert_cmpfloat_with_epsilon (g_array_index (a->markers, WflGanttMarkerBox, i).y,
                                          g_array_index (b->markers, WflGanttMarkerBox, i).y, 1e-6);
        }
    }
  g_assert_cmpuint (built->arrows->len, >, 0);
  for (guint i = 0; i < built->arrows->len; i++)
    {
      const WflGanttArrow *a = &g_array_index (built->arrows, WflGanttArrow, i);
      const WflGanttArrow *b = &g_array_index (moved->arrows, WflGanttArrow, i);

      g_assert_cmpuint (a->n_points, ==, b->n_points);
      for (guint k = 0; k < a->n_points; k++)
        {
          g_assert_cmpfloat_with_epsilon (a->x[k], b->x[k], 1e-6);
          g_assert_cmpfloat_with_epsilon (a->y[k], b->y[k], 1e-6);
        }
    }
  g_assert_cmpuint (built->minor->len, ==, moved->minor->len);
  for (guint i = 0; i < built->minor->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (built->minor, WflGanttCell, i).x0,
                                    g_array_index (moved->minor, WflGanttCell, i).x0, 1e-6);
  g_assert_cmpfloat_with_epsilon (built->as_of_x, moved->as_of_x, 1e-6);

  /* Hit-testing follows. */
  for (double y = built->body.y0; y < built->body.y1; y += 7)
    for (double x = 0; x < built->width; x += 13)
      {
        WflGanttHit a = wfl_gantt_layout_hit_test (built, x, y);
        WflGanttHit b = wfl_gantt_layout_hit_test (moved, x, y);

        g_assert_true (wfl_gantt_hit_equal (&a, &b));
      }
}

/* ---- Colours and the key ------------------------------------------------ */

/* Stages are coloured by their position along the chain: one colour a
 * level, neighbouring levels different, deliveries neutral. */
static void
test_stage_colors_by_level (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, NULL);
  /* Levels: wafer, dram, substrate, tpu 0; hbm 1; cowos 2; test 3; server 4. */
  const char *level0[] = { "wafer", "dram", "substrate", "tpu" };
  const char *chain[] = { "dram", "hbm", "cowos", "test", "server" };

  g_assert_nonnull (chart);
  for (guint i = 1; i < G_N_ELEMENTS (level0); i++)
    g_assert_cmpuint (bar_of (chart, level0[i])->color, ==, bar_of (chart, level0[0])->color);
  for (guint i = 1; i < G_N_ELEMENTS (chain); i++)
    for (guint j = 0; j < i; j++)
      g_assert_cmpuint (bar_of (chart, chain[i])->color, !=, bar_of (chart, chain[j])->color);
  /* A transit has its sender's colour; deliveries are grey. */
  g_assert_cmpuint (bar_of (chart, "hbm->cowos")->color, ==, bar_of (chart, "hbm")->color);
  g_assert_cmpuint (bar_of (chart, "meta")->color, ==, WFL_GANTT_NEUTRAL_COLOR);
  g_assert_cmpuint (bar_of (chart, "google")->color, ==, WFL_GANTT_NEUTRAL_COLOR);
  for (guint i = 0; i < G_N_ELEMENTS (chain); i++)
    g_assert_cmpuint (bar_of (chart, chain[i])->color, !=, WFL_GANTT_NEUTRAL_COLOR);

  /* The key has one item per colour in use, in the order of the chain. */
  {
    WflGanttLayoutOptions options = options_for (4000);
    g_autoptr(WflGanttLayout) layout = NULL;
    guint n_stage_items = 0;

    options.legend = TRUE;
    layout = wfl_gantt_layout_new (chart, &options);
    for (guint i = 0; i < layout->legend_items->len; i++)
      {
        const WflGanttLegendItem *item = &g_array_index (layout->legend_items, WflGanttLegendItem, i);

        if (item->kind != WFL_GANTT_LEGEND_STAGE)
          continue;
        g_assert_cmpuint (item->index, ==, n_stage_items == 5 ? WFL_GANTT_NEUTRAL_COLOR
                                                              : bar_of (chart, chain[n_stage_items])->color);
        n_stage_items++;
      }
    /* Five levels and the deliveries. */
    g_assert_cmpuint (n_stage_items, ==, 6);
  }
}

static guint
count_legend (const WflGanttLayout *layout,
              WflGanttLegendKind    kind)
{
  guint n = 0;

  for (guint i = 0; i < layout->legend_items->len; i++)
    n += g_array_index (layout->legend_items, WflGanttLegendItem, i).kind == kind;
  return n;
}

/* A capped key keeps the bar kinds and markers and sums up the stage
 * colours it has no room for. */
static void
test_legend_lines (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, NULL);
  WflGanttLayoutOptions options = options_for (520);
  g_autoptr(WflGanttLayout) full = NULL;
  g_autoptr(WflGanttLayout) capped = NULL;
  const WflGanttLegendItem *more = NULL;
  guint n_full, n_capped;

  options.legend = TRUE;
  full = wfl_gantt_layout_new (chart, &options);
  options.legend_lines = 1;
  capped = wfl_gantt_layout_new (chart, &options);

  /* Uncapped, the key needs more than a line at this width. */
  g_assert_cmpfloat (full->legend.y1 - full->legend.y0, >, capped->legend.y1 - capped->legend.y0);
  g_assert_cmpuint (count_legend (full, WFL_GANTT_LEGEND_MORE), ==, 0);
  n_full = count_legend (full, WFL_GANTT_LEGEND_STAGE);
  n_capped = count_legend (capped, WFL_GANTT_LEGEND_STAGE);
  g_assert_cmpuint (n_capped, <, n_full);
  g_assert_cmpuint (count_legend (capped, WFL_GANTT_LEGEND_MORE), ==, 1);
  for (guint i = 0; i < capped->legend_items->len; i++)
    if (g_array_index (capped->legend_items, WflGanttLegendItem, i).kind == WFL_GANTT_LEGEND_MORE)
      more = &g_array_index (capped->legend_items, WflGanttLegendItem, i);
  g_assert_cmpuint (more->index, ==, n_full - n_capped);
  g_assert_nonnull (strstr (more->label, "+"));

  /* Everything else stays, and every item is on the one line, inside
   * the width and the legend strip. */
  g_assert_cmpuint (count_legend (capped, WFL_GANTT_LEGEND_CRITICAL), ==, 1);
  g_assert_cmpuint (count_legend (capped, WFL_GANTT_LEGEND_BAR_KIND), ==, count_legend (full, WFL_GANTT_LEGEND_BAR_KIND));
  g_assert_cmpuint (count_legend (capped, WFL_GANTT_LEGEND_MARKER), ==, count_legend (full, WFL_GANTT_LEGEND_MARKER));
  for (guint i = 0; i < capped->legend_items->len; i++)
    {
      const WflGanttLegendItem *item = &g_array_index (capped->legend_items, WflGanttLegendItem, i);

      g_assert_cmpfloat (item->swatch.y0, ==, g_array_index (capped->legend_items, WflGanttLegendItem, 0).swatch.y0);
      g_assert_cmpfloat (item->swatch.y0, >=, capped->legend.y0);
      g_assert_cmpfloat (item->swatch.y1, <=, capped->legend.y1);
      g_assert_cmpfloat (item->text_x + item->text_width, <=, capped->width);
    }
}

/* Orders: the customer in a column of its own left of the order labels,
 * within a share of the width, the customer column giving way first. */
static void
test_orders_label_column (void)
{
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new (WFL_GANTT_MODE_ORDERS, wfl_date_from_ymd (2023, 1, 2));
  const char *customers[] = { "Meta", "Enterprises via Dell, HPE and Supermicro" };
  WflGanttLayoutOptions options = options_for (2000);
  g_autoptr(WflGanttLayout) wide = NULL;
  g_autoptr(WflGanttLayout) narrow = NULL;
  double group_w = fixture_measure (customers[1], TRUE, NULL);
  double label_w = fixture_measure ("2023-01-02", FALSE, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (customers); c++)
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *id = g_strdup_printf ("c%u/o%u", c, i);
        WflGanttRow *row = wfl_gantt_chart_add_row (chart, id, "2023-01-02", customers[c]);

        wfl_gantt_chart_add_bar (chart, row, "fab", "Fab", i, i + 4, WFL_GANTT_BAR_WORK);
      }

  wide = wfl_gantt_layout_new (chart, &options);
  g_assert_cmpfloat (wide->group_width, >=, group_w);
  g_assert_cmpfloat (wide->label_x, >=, wide->labels.x0 + wide->group_width);
  g_assert_cmpfloat (wide->label_x + label_w, <=, wide->labels.x1);
  /* No wider than the names need. */
  g_assert_cmpfloat (wide->labels.x1, <=, group_w + label_w + 60);

  options.width = 600;
  narrow = wfl_gantt_layout_new (chart, &options);
  g_assert_cmpfloat (narrow->labels.x1, <=, 600 * 0.4 + 1);
  g_assert_cmpfloat (narrow->group_width, <, group_w);
  /* The order labels keep their room. */
  g_assert_cmpfloat (narrow->label_x + label_w, <=, narrow->labels.x1);
}

/* By default the time range is the data's, with a few pixels of margin
 * (not weeks) at each end, fitted or at a zoom level. */
static void
test_fit_range (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, NULL);
  double first, last;

  g_assert_true (wfl_gantt_chart_get_extent (chart, &first, &last));
  for (int fit = 0; fit < 2; fit++)
    for (double width = 400; width <= 3200; width *= 2)
      {
        WflGanttLayoutOptions options = options_for (width);
        g_autoptr(WflGanttLayout) layout = NULL;
        double before, after;

        options.fit = fit;
        options.zoom = WFL_ZOOM_WEEK;
        layout = wfl_gantt_layout_new (chart, &options);
        before = (first - layout->from) * layout->px_per_week;
        after = (layout->to - last) * layout->px_per_week;
        /* Room for a marker, and no more. */
        g_assert_cmpfloat (before, >=, 8);
        g_assert_cmpfloat (before, <=, 20);
        g_assert_cmpfloat (after, >=, 8);
        g_assert_cmpfloat (after, <=, 20);
        if (fit)
          /* The range fills the width but for the right margin. */
          g_assert_cmpfloat (layout->content_width, <=, layout->body.x1 - layout->body.x0);
      }
}

/* Texts and markers on a row: the duration text never under a due or
 * filled diamond (it moves to the free part of the bar, or is left out),
 * the lateness text never past the right edge, the placed triangle
 * inside its row. */
static void
test_row_texts (void)
{
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new (WFL_GANTT_MODE_ORDERS, wfl_date_from_ymd (2023, 1, 2));
  WflGanttLayoutOptions options = options_for (600);
  g_autoptr(WflGanttLayout) layout = NULL;
  WflGanttRow *row = wfl_gantt_chart_add_row (chart, "c/o", "o", "C");
  const WflGanttRowBox *box;
  const WflGanttRect *r;
  double x, tw = 30;

  wfl_gantt_chart_add_bar (chart, row, "fab", "Fab", 0, 13, WFL_GANTT_BAR_WORK);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_PLACED, 0);
  /* Due in the middle of the bar. */
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_DUE, 6.5);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_FILLED, 13);
  row->late = TRUE;
  row->lateness = 6.5;
  options.from = -1;
  options.to = 14;
  layout = wfl_gantt_layout_new (chart, &options);
  box = &g_array_index (layout->rows, WflGanttRowBox, 0);
  r = &g_array_index (box->bars, WflGanttBarBox, 0).rect;

  g_assert_true (wfl_gantt_layout_duration_x (layout, box, 0, tw, &x));
  g_assert_cmpfloat (x, >=, r->x0);
  g_assert_cmpfloat (x + tw, <=, r->x1);
  for (guint i = 1; i < box->markers->len; i++)
    {
      const WflGanttMarkerBox *mb = &g_array_index (box->markers, WflGanttMarkerBox, i);

      g_assert_true (x + tw <= mb->x - mb->size || x >= mb->x + mb->size);
    }
  /* No room beside the diamonds: no text. */
  g_assert_false (wfl_gantt_layout_duration_x (layout, box, 0, (r->x1 - r->x0) / 2, &x));

  /* The lateness after the last thing on the row, or ending at the edge. */
  g_assert_cmpfloat (wfl_gantt_layout_lateness_x (layout, r->x0, tw), ==, r->x0 + 10);
  x = wfl_gantt_layout_lateness_x (layout, layout->body.x1 - 5, 60);
  g_assert_cmpfloat (x + 60, <=, layout->body.x1);

  /* The placed triangle's base (1.1 size above its tip) is inside the row. */
  {
    const WflGanttMarkerBox *placed = &g_array_index (box->markers, WflGanttMarkerBox, 0);

    g_assert_cmpfloat (placed->y - 1.1 * placed->size, >=, box->y0);
    g_assert_cmpfloat (placed->y, <=, r->y0 + 1);
  }
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/render/gantt-layout/pipeline-schedule", test_pipeline_schedule);
  g_test_add_func ("/wfl/render/gantt-layout/pipeline-placed-later", test_pipeline_placed_later);
  g_test_add_func ("/wfl/render/gantt-layout/pipeline-all-customers", test_pipeline_all_customers);
  g_test_add_func ("/wfl/render/gantt-layout/pipeline-dependencies", test_pipeline_dependencies);
  g_test_add_func ("/wfl/render/gantt-layout/pipeline-errors", test_pipeline_errors);
  g_test_add_func ("/wfl/render/gantt-layout/pipeline-capacity", test_pipeline_capacity);
  g_test_add_func ("/wfl/render/gantt-layout/axis-week", test_axis_week);
  g_test_add_func ("/wfl/render/gantt-layout/axis-month", test_axis_month);
  g_test_add_func ("/wfl/render/gantt-layout/axis-quarter", test_axis_quarter);
  g_test_add_func ("/wfl/render/gantt-layout/axis-year", test_axis_year);
  g_test_add_func ("/wfl/render/gantt-layout/zoom-to-fit", test_zoom_to_fit);
  g_test_add_func ("/wfl/render/gantt-layout/fit-range", test_fit_range);
  g_test_add_func ("/wfl/render/gantt-layout/bars-do-not-overlap", test_bars_do_not_overlap);
  g_test_add_func ("/wfl/render/gantt-layout/as-of-line", test_as_of_line);
  g_test_add_func ("/wfl/render/gantt-layout/label-column", test_label_column);
  g_test_add_func ("/wfl/render/gantt-layout/orders-label-column", test_orders_label_column);
  g_test_add_func ("/wfl/render/gantt-layout/hit-test", test_hit_test);
  g_test_add_func ("/wfl/render/gantt-layout/hit-test-milestone", test_hit_test_milestone);
  g_test_add_func ("/wfl/render/gantt-layout/set-scroll", test_set_scroll);
  g_test_add_func ("/wfl/render/gantt-layout/stage-colors-by-level", test_stage_colors_by_level);
  g_test_add_func ("/wfl/render/gantt-layout/legend-lines", test_legend_lines);
  g_test_add_func ("/wfl/render/gantt-layout/row-texts", test_row_texts);

  return g_test_run ();
}
