/* test-sankey-diff.c: stable layouts and the difference Sankey
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-model.h"
#include "wfl-sankey-diff.h"
#include "wfl-sankey-render.h"

static WflSankeyGraph *
graph_of (const char * const *flows)
{
  WflSankeyGraph *graph = wfl_sankey_graph_new ();

  for (guint i = 0; flows[i] != NULL; i += 3)
    {
      int s = wfl_sankey_graph_find_node (graph, flows[i]);
      int t = wfl_sankey_graph_find_node (graph, flows[i + 1]);

      if (s < 0)
        s = (int) wfl_sankey_graph_add_node (graph, flows[i], flows[i], "gpu", NULL);
      if (t < 0)
        t = (int) wfl_sankey_graph_add_node (graph, flows[i + 1], flows[i + 1], "gpu", NULL);
      wfl_sankey_graph_add_link (graph, s, t, g_ascii_strtod (flows[i + 2], NULL));
    }
  return graph;
}

static const char * const baseline_flows[] = {
  "a", "b", "10", "b", "c", "10", "x", "c", "4", NULL,
};
static const char * const variant_flows[] = {
  "a", "b", "20", "b", "c", "15", "b", "d", "5", NULL,
};

/* The union: the variant's nodes first, then the baseline's own; links
 * as wide as the wider side; labels with the variant's figure and the
 * change. */
static void
test_diff_union (void)
{
  g_autoptr(WflSankeyGraph) base = graph_of (baseline_flows);
  g_autoptr(WflSankeyGraph) variant = graph_of (variant_flows);
  g_autoptr(WflSankeyDiff) diff = wfl_sankey_diff_new (base, variant);
  WflSankeyGraph *u = wfl_sankey_diff_get_graph (diff);
  int a = wfl_sankey_graph_find_node (u, "a"), d = wfl_sankey_graph_find_node (u, "d");
  int x = wfl_sankey_graph_find_node (u, "x"), c = wfl_sankey_graph_find_node (u, "c");

  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (u), ==, 5);
  g_assert_cmpuint (wfl_sankey_graph_get_n_links (u), ==, 4);
  g_assert_cmpint (a, ==, 0);
  g_assert_cmpint (x, ==, 4);
  g_assert_cmpint (wfl_sankey_diff_get_node_presence (diff, a), ==, WFL_SANKEY_DIFF_BOTH);
  g_assert_cmpint (wfl_sankey_diff_get_node_presence (diff, d), ==, WFL_SANKEY_DIFF_VARIANT_ONLY);
  g_assert_cmpint (wfl_sankey_diff_get_node_presence (diff, x), ==, WFL_SANKEY_DIFF_BASELINE_ONLY);
  /* a → b: 10 and 20, as wide as 20. */
  g_assert_cmpfloat (wfl_sankey_graph_get_link (u, 0)->value, ==, 20);
  g_assert_cmpfloat (wfl_sankey_diff_get_link_value (diff, 0, FALSE), ==, 10);
  g_assert_cmpfloat (wfl_sankey_diff_get_link_value (diff, 0, TRUE), ==, 20);
  /* x → c is the baseline's only: 0 in the variant. */
  g_assert_cmpint (wfl_sankey_diff_get_link_presence (diff, 3), ==, WFL_SANKEY_DIFF_BASELINE_ONLY);
  g_assert_cmpfloat (wfl_sankey_diff_get_link_value (diff, 3, TRUE), ==, 0);
  /* c takes 14 in the baseline, 15 in the variant. */
  g_assert_cmpfloat (wfl_sankey_diff_get_node_quantity (diff, c, FALSE), ==, 14);
  g_assert_cmpfloat (wfl_sankey_diff_get_node_quantity (diff, c, TRUE), ==, 15);
  g_assert_cmpfloat (wfl_sankey_graph_get_node (u, c)->quantity, ==, 15);
  /* The unit in its display form, as after any quantity: "GPUs", not
   * the id "gpu". */
  g_assert_cmpstr (wfl_sankey_graph_get_node (u, c)->unit, ==, "GPUs, +1 (+7%)");
  g_assert_cmpstr (wfl_sankey_graph_get_node (u, a)->unit, ==, "GPUs, +10 (+100%)");
  g_assert_cmpstr (wfl_sankey_graph_get_node (u, d)->unit, ==, "GPUs, new in variant");
  g_assert_cmpstr (wfl_sankey_graph_get_node (u, x)->unit, ==, "GPUs, baseline only");
}

/* The label's unit agrees with the number before it: singular after
 * "1" only, the unit's display form, and the whole value text is
 * what the layout shows. */
static void
test_diff_units (void)
{
  static const char * const base_flows[] = { "p", "q", "1", "q", "r", "2", NULL };
  static const char * const var_flows[] = { "p", "q", "1", "q", "r", "3", NULL };
  g_autoptr(WflSankeyGraph) base = graph_of (base_flows);
  g_autoptr(WflSankeyGraph) variant = graph_of (var_flows);
  g_autoptr(WflSankeyDiff) diff = NULL;
  g_autoptr(WflSankeyLayout) layout = NULL;
  WflSankeyGraph *u;
  int p, r;

  wfl_sankey_graph_get_node (base, 0)->unit = (g_free (wfl_sankey_graph_get_node (base, 0)->unit), g_strdup ("wafer"));
  wfl_sankey_graph_get_node (variant, 0)->unit = (g_free (wfl_sankey_graph_get_node (variant, 0)->unit), g_strdup ("wafer"));
  diff = wfl_sankey_diff_new (base, variant);
  u = wfl_sankey_diff_get_graph (diff);
  p = wfl_sankey_graph_find_node (u, "p");
  r = wfl_sankey_graph_find_node (u, "r");
  g_assert_cmpstr (wfl_sankey_graph_get_node (u, p)->unit, ==, "wafer, no change");
  g_assert_cmpstr (wfl_sankey_graph_get_node (u, r)->unit, ==, "GPUs, +1 (+50%)");

  layout = wfl_sankey_layout_new (u, NULL, 600, 300);
  g_assert_cmpstr (wfl_sankey_layout_get_node (layout, p)->value_text, ==, "1 wafer, no change");
  g_assert_cmpstr (wfl_sankey_layout_get_node (layout, r)->value_text, ==, "3 GPUs, +1 (+50%)");
}

/* The ids of each column's nodes, top to bottom, of the nodes keep holds. */
static char *
columns_of (const WflSankeyLayout *layout,
            GHashTable            *keep)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph);
  GString *out = g_string_new (NULL);

  for (guint col = 0; col < wfl_sankey_layout_get_n_columns (layout); col++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint v = 0; v < n; v++)
        if (wfl_sankey_layout_get_node (layout, v)->column == col &&
            (keep == NULL || g_hash_table_contains (keep, wfl_sankey_graph_get_node (graph, v)->id)))
          g_array_append_val (ids, v);
      /* By position (insertion sort: small columns). */
      for (guint i = 1; i < ids->len; i++)
        for (guint j = i; j > 0; j--)
          {
            guint *p = &g_array_index (ids, guint, 0);
            guint t;

            if (wfl_sankey_layout_get_node (layout, p[j])->y0 >= wfl_sankey_layout_get_node (layout, p[j - 1])->y0)
              break;
            t = p[j];
            p[j] = p[j - 1];
            p[j - 1] = t;
          }
      g_string_append_printf (out, "%u:", col);
      for (guint i = 0; i < ids->len; i++)
        g_string_append_printf (out, " %s", wfl_sankey_graph_get_node (graph, g_array_index (ids, guint, i))->id);
      g_string_append (out, "\n");
    }
  return g_string_free (out, FALSE);
}

static GHashTable *
ids_of (WflSankeyGraph *a,
        WflSankeyGraph *b)
{
  GHashTable *both = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (a); v++)
    {
      const char *id = wfl_sankey_graph_get_node (a, v)->id;

      if (b == NULL || wfl_sankey_graph_find_node (b, id) >= 0)
        g_hash_table_add (both, (gpointer) id);
    }
  return both;
}

/* Baseline and variant laid out alone, each pinned to the union's
 * layout: every node they share keeps its column and its order. */
static void
test_diff_stable_sides (void)
{
  /* Alone, each would put the sink its big bands go to beside their
   * source: c beside a in one, d beside a in the other. */
  const char * const base_flows[] = { "a", "c", "10", "a", "d", "1", "x", "c", "1", "x", "d", "10",
                                      "a", "e", "3", NULL };
  const char * const swapped_flows[] = { "a", "c", "1", "a", "d", "10", "x", "c", "10", "x", "d", "1",
                                         "x", "f", "3", NULL };
  g_autoptr(WflSankeyGraph) base = graph_of (base_flows);
  g_autoptr(WflSankeyGraph) variant = graph_of (swapped_flows);
  g_autoptr(WflSankeyDiff) diff = wfl_sankey_diff_new (base, variant);
  g_autoptr(WflSankeyLayout) union_layout = wfl_sankey_layout_new (wfl_sankey_diff_get_graph (diff), NULL, 600, 400);
  g_autoptr(WflSankeyLayout) base_layout = NULL;
  g_autoptr(WflSankeyLayout) variant_layout = NULL;
  g_autoptr(GHashTable) shared = ids_of (base, variant);
  g_autofree char *in_union = NULL, *in_base = NULL, *in_variant = NULL;

  wfl_sankey_graph_pin_to_layout (base, union_layout);
  wfl_sankey_graph_pin_to_layout (variant, union_layout);
  base_layout = wfl_sankey_layout_new (base, NULL, 600, 400);
  variant_layout = wfl_sankey_layout_new (variant, NULL, 600, 400);
  in_union = columns_of (union_layout, shared);
  in_base = columns_of (base_layout, shared);
  in_variant = columns_of (variant_layout, shared);
  g_assert_cmpstr (in_base, ==, in_union);
  g_assert_cmpstr (in_variant, ==, in_union);
}

static WflSimulation *
simulate (WflScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflSimulation) simulation = wfl_simulation_new (scenario, &error);

  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));
  return g_steal_pointer (&simulation);
}

/* Stepping through every quarter of the built-in scenario, each
 * quarter's graph pinned to the whole calendar's layout: no node changes
 * column, and the order within each column holds. */
static void
test_diff_stable_quarters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_builtin (&error);
  g_autoptr(WflSimulation) simulation = simulate (scenario);
  int n_weeks = wfl_simulation_get_n_weeks (simulation);
  g_autoptr(WflSankeyGraph) whole = wfl_sankey_graph_new_for_window (scenario, simulation, NULL, 0, n_weeks - 1);
  g_autoptr(WflSankeyLayout) reference = wfl_sankey_layout_new (whole, NULL, 1280, 800);
  g_autoptr(GHashTable) all = ids_of (whole, NULL);
  g_autofree char *expected = columns_of (reference, all);
  guint n_quarters = wfl_simulation_get_n_quarters (simulation);

  g_assert_cmpuint (n_quarters, >=, 12);
  for (guint q = 0; q < n_quarters; q++)
    {
      g_autoptr(WflSankeyGraph) graph = NULL;
      g_autoptr(WflSankeyLayout) layout = NULL;
      g_autofree char *got = NULL;
      int first, last;

      wfl_simulation_get_quarter_weeks (simulation, q, &first, &last);
      graph = wfl_sankey_graph_new_for_window (scenario, simulation, NULL, first, last);
      wfl_sankey_graph_pin_to_layout (graph, reference);
      layout = wfl_sankey_layout_new (graph, NULL, 1280, 800);
      got = columns_of (layout, all);
      g_assert_cmpstr (got, ==, expected);
    }
}

/* Counts pixels near a colour laid at alpha over white (as the painter
 * lays the marks: more at 0.8, the ghost's edge at 0.9). */
static guint
count_color (cairo_surface_t *surface,
             const WflRgba   *c,
             double           alpha)
{
  int cr = (int) (255 * (c->r * alpha + 1 - alpha));
  int cg = (int) (255 * (c->g * alpha + 1 - alpha));
  int cb = (int) (255 * (c->b * alpha + 1 - alpha));
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = *(const guint32 *) (const void *) (data + y * stride + 4 * x);
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        if (abs (r - cr) < 24 && abs (g - cg) < 24 && abs (b - cb) < 24)
          n++;
      }
  return n;
}

static cairo_surface_t *
paint (WflSankeyGraph *base,
       WflSankeyGraph *variant,
       WflRgba        *more,
       WflRgba        *less)
{
  g_autoptr(WflSankeyDiff) diff = wfl_sankey_diff_new (base, variant);
  g_autoptr(WflSankeyLayout) layout = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400 + (int) WFL_SANKEY_DIFF_KEY_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  WflChartStyle style;
  WflSankeyLayoutOptions options;

  wfl_chart_style_init_light (&style);
  wfl_sankey_layout_options_init (&options);
  /* No labels: only bands, nodes and the key carry colour. */
  options.labels = FALSE;
  layout = wfl_sankey_layout_new (wfl_sankey_diff_get_graph (diff), &options, 600, 400);
  wfl_sankey_diff_colors (&style, more, less);
  /* Below the key only. */
  cairo_rectangle (cr, 0, WFL_SANKEY_DIFF_KEY_HEIGHT, 600, 400);
  cairo_clip (cr);
  wfl_sankey_diff_render (layout, diff, cr, &style);
  cairo_destroy (cr);
  wfl_chart_style_clear (&style);
  return surface;
}

/* A graph against itself shows neither colour of a difference; more
 * flow in the variant shows blue, less orange. */
static void
test_diff_paint (void)
{
  g_autoptr(WflSankeyGraph) base = graph_of (baseline_flows);
  g_autoptr(WflSankeyGraph) same = graph_of (baseline_flows);
  const char * const more_flows[] = { "a", "b", "20", "b", "c", "20", "x", "c", "4", NULL };
  const char * const less_flows[] = { "a", "b", "5", "b", "c", "5", "x", "c", "4", NULL };
  g_autoptr(WflSankeyGraph) more_graph = graph_of (more_flows);
  g_autoptr(WflSankeyGraph) less_graph = graph_of (less_flows);
  cairo_surface_t *surface;
  WflRgba more, less;

  surface = paint (base, same, &more, &less);
  g_assert_cmpuint (count_color (surface, &more, 0.8), ==, 0);
  g_assert_cmpuint (count_color (surface, &less, 0.9), ==, 0);
  cairo_surface_destroy (surface);

  surface = paint (base, more_graph, &more, &less);
  g_assert_cmpuint (count_color (surface, &more, 0.8), >, 1000);
  g_assert_cmpuint (count_color (surface, &less, 0.9), ==, 0);
  cairo_surface_destroy (surface);

  /* The ghost's dashed edge is orange. */
  surface = paint (base, less_graph, &more, &less);
  g_assert_cmpuint (count_color (surface, &more, 0.8), ==, 0);
  g_assert_cmpuint (count_color (surface, &less, 0.9), >, 100);
  cairo_surface_destroy (surface);
}

/* The worst knock-out's mark on the difference Sankey (the export's way,
 * wfl_sankey_diff_set_flagged ()) is what the view shows: the chart (its
 * bands and the baseline's absent nodes), then the emphasis over it;
 * without the flag there is none of it. */
static void
test_diff_flagged (void)
{
  g_autoptr(WflSankeyGraph) base = graph_of (baseline_flows);
  g_autoptr(WflSankeyGraph) variant = graph_of (variant_flows);
  g_autoptr(WflSankeyDiff) diff = wfl_sankey_diff_new (base, variant);
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (wfl_sankey_diff_get_graph (diff), NULL, 600, 400);
  int b = wfl_sankey_graph_find_node (wfl_sankey_diff_get_graph (diff), "b");
  cairo_surface_t *surfaces[3];
  WflChartStyle style;

  g_assert_cmpint (b, >=, 0);
  wfl_chart_style_init_light (&style);
  for (guint i = 0; i < 3; i++)
    {
      cairo_t *cr;

      surfaces[i] = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400 + (int) WFL_SANKEY_DIFF_KEY_HEIGHT);
      cr = cairo_create (surfaces[i]);
      /* 0: plain; 1: flagged; 2: plain with the view's emphasis over it. */
      wfl_sankey_diff_set_flagged (diff, i == 1 ? "b" : NULL);
      wfl_sankey_diff_render (layout, diff, cr, &style);
      if (i == 2)
        {
          cairo_translate (cr, 0, WFL_SANKEY_DIFF_KEY_HEIGHT);
          wfl_sankey_render_emphasis (layout, cr, &style, (WflSankeyHit) { WFL_SANKEY_HIT_NODE, (guint) b },
                                      WFL_SANKEY_EMPHASIS_KNOCKOUT);
        }
      cairo_destroy (cr);
      cairo_surface_flush (surfaces[i]);
    }
  for (int y = 0; y < 400 + (int) WFL_SANKEY_DIFF_KEY_HEIGHT; y++)
    for (int x = 0; x < 600; x++)
      {
        gsize at = (gsize) y * cairo_image_surface_get_stride (surfaces[1]) + 4 * x;
        guint32 p = *(const guint32 *) (const void *) (cairo_image_surface_get_data (surfaces[1]) + at);
        guint32 q = *(const guint32 *) (const void *) (cairo_image_surface_get_data (surfaces[2]) + at);

        if ((p & 0xffffff) != (q & 0xffffff))
          g_error ("at %d, %d: %06x flagged, %06x with the emphasis over it", x, y, p & 0xffffff, q & 0xffffff);
      }
  g_assert_cmpuint (count_color (surfaces[1], &style.late, 1), >, count_color (surfaces[0], &style.late, 1) + 50);
  for (guint i = 0; i < 3; i++)
    cairo_surface_destroy (surfaces[i]);
  wfl_chart_style_clear (&style);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sankey-diff/union", test_diff_union);
  g_test_add_func ("/sankey-diff/units", test_diff_units);
  g_test_add_func ("/sankey-diff/stable-sides", test_diff_stable_sides);
  g_test_add_func ("/sankey-diff/stable-quarters", test_diff_stable_quarters);
  g_test_add_func ("/sankey-diff/paint", test_diff_paint);
  g_test_add_func ("/sankey-diff/flagged", test_diff_flagged);
  return g_test_run ();
}
