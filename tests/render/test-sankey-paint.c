/* test-sankey-paint.c: the Sankey painter's bands over several threads
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-sankey-render.h"
#include "wfl-sankey-render-private.h"

/* A seeded layered graph, bands crossing and overlapping; with_loop
 * adds a cycle, a band that cairo paints between direct ones. */
static WflSankeyGraph *
make_graph (guint    layers,
            guint    per,
            guint    extra,
            gboolean with_loop,
            guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WflSankeyGraph *g = wfl_sankey_graph_new ();
  char id[32];

  for (guint v = 0; v < layers * per; v++)
    {
      g_snprintf (id, sizeof id, "n%u", v);
      wfl_sankey_graph_add_node (g, id, id, NULL, NULL);
    }
  for (guint layer = 1; layer < layers; layer++)
    for (guint k = 0; k < per; k++)
      wfl_sankey_graph_add_link (g, (layer - 1) * per + g_rand_int_range (rand, 0, per),
                                 layer * per + k, g_rand_double_range (rand, 0.5, 40));
  for (guint i = 0; i < extra; i++)
    {
      guint layer = g_rand_int_range (rand, 0, layers - 1);

      wfl_sankey_graph_add_link (g, layer * per + g_rand_int_range (rand, 0, per),
                                 (layer + 1) * per + g_rand_int_range (rand, 0, per),
                                 g_rand_double_range (rand, 0.5, 40));
    }
  if (with_loop)
    wfl_sankey_graph_add_link (g, (layers - 1) * per, 0, 7);
  return g;
}

/* Paints layout with n_threads onto a fresh image; a clip and an offset
 * when clipped, so that the slices do not start at row 0. */
static cairo_surface_t *
paint (const WflSankeyLayout      *layout,
       const WflChartStyle        *style,
       const WflSankeyRenderState *state,
       int                         width,
       int                         height,
       double                      scale,
       gboolean                    clipped,
       guint                       n_threads)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  if (clipped)
    {
      cairo_rectangle (cr, 13, 37, width - 40, height - 101);
      cairo_clip (cr);
      cairo_translate (cr, 3, -5);
    }
  cairo_scale (cr, scale, scale);
  wfl_sankey_render_with_threads (layout, cr, style, state, n_threads);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b,
                    guint            n_threads)
{
  int width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_stride (b), ==, stride);
  for (int y = 0; y < height; y++)
    {
      const guint32 *ra = (const guint32 *) (gconstpointer) (pa + (gsize) y * stride);
      const guint32 *rb = (const guint32 *) (gconstpointer) (pb + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if (ra[x] != rb[x])
          g_error ("%u threads: pixel (%d, %d) is %08x, one thread painted %08x",
                   n_threads, x, y, rb[x], ra[x]);
    }
}

/* Distinct colours in a row band: the picture holds overlapping bands,
 * not just the background. */
static guint
count_colors (cairo_surface_t *s)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  int width = cairo_image_surface_get_width (s), height = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *data = cairo_image_surface_get_data (s);

  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      g_hash_table_add (seen, GUINT_TO_POINTER (((const guint32 *) (gconstpointer) (data + (gsize) y * stride))[x] + 1));
  return g_hash_table_size (seen);
}

static void
check_threads (WflSankeyGraph             *graph,
               const WflSankeyRenderState *state,
               int                         width,
               int                         height,
               double                      scale,
               gboolean                    clipped)
{
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, width / scale, height / scale);
  WflChartStyle style;
  cairo_surface_t *one;

  wfl_chart_style_init_light (&style);
  one = paint (layout, &style, state, width, height, scale, clipped, 1);
  g_assert_cmpuint (count_colors (one), >, 100);
  for (guint n = 2; n <= 5; n++)
    {
      cairo_surface_t *many = paint (layout, &style, state, width, height, scale, clipped, n);

      assert_same_pixels (one, many, n);
      cairo_surface_destroy (many);
    }
  /* The public entry point is the same picture too. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr = cairo_create (surface);

    if (clipped)
      {
        cairo_rectangle (cr, 13, 37, width - 40, height - 101);
        cairo_clip (cr);
        cairo_translate (cr, 3, -5);
      }
    cairo_scale (cr, scale, scale);
    wfl_sankey_render (layout, cr, &style, state);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    assert_same_pixels (one, surface, 0);
    cairo_surface_destroy (surface);
  }
  cairo_surface_destroy (one);
  wfl_chart_style_clear (&style);
}

static void
test_threads_plain (void)
{
  g_autoptr(WflSankeyGraph) graph = make_graph (6, 30, 120, FALSE, 11);

  check_threads (graph, NULL, 1200, 700, 1, FALSE);
}

static void
test_threads_loop_and_focus (void)
{
  g_autoptr(WflSankeyGraph) graph = make_graph (5, 24, 80, TRUE, 23);
  WflSankeyRenderState state;

  wfl_sankey_render_state_init (&state);
  check_threads (graph, &state, 1000, 640, 1, FALSE);
  /* Dimmed bands around a hovered node, one colour per band. */
  state.hover = (WflSankeyHit) { WFL_SANKEY_HIT_NODE, 30 };
  state.link_color = WFL_SANKEY_LINK_COLOR_SOURCE;
  check_threads (graph, &state, 1000, 640, 1, FALSE);
}

static void
test_threads_scaled_clipped (void)
{
  g_autoptr(WflSankeyGraph) graph = make_graph (6, 20, 60, TRUE, 5);

  check_threads (graph, NULL, 1600, 900, 2, TRUE);
  check_threads (graph, NULL, 700, 450, 0.75, TRUE);
}

/* The worst knock-out's mark in a painted chart (an export) is what the
 * view shows: the chart, then the mark painted over it as an emphasis;
 * the badge at the node's top right corner is in the late colour, and
 * without the mark it is not there. */
static void
test_flagged_mark (void)
{
  g_autoptr(WflSankeyGraph) graph = make_graph (4, 6, 10, FALSE, 3);
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, 800, 500);
  const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, 8);
  WflSankeyHit hit = { WFL_SANKEY_HIT_NODE, 8 };
  WflSankeyRenderState state;
  WflChartStyle style;
  cairo_surface_t *plain, *marked, *overlay;
  cairo_t *cr;
  double h = MAX (g->y1 - g->y0, 1), top = (g->y0 + g->y1) / 2 - h / 2;
  /* In the badge above its cross: wholly inside the disc. */
  int bx = (int) floor (g->x1 + 6), by = (int) floor (top - 6 - 5), stride;
  guint32 px;

  wfl_chart_style_init_light (&style);
  wfl_sankey_render_state_init (&state);
  plain = paint (layout, &style, &state, 800, 500, 1, FALSE, 1);
  state.flagged = hit;
  marked = paint (layout, &style, &state, 800, 500, 1, FALSE, 1);
  /* The view's way: the chart, then the emphasis over it. */
  state.flagged.kind = WFL_SANKEY_HIT_NONE;
  overlay = paint (layout, &style, &state, 800, 500, 1, FALSE, 1);
  cr = cairo_create (overlay);
  wfl_sankey_render_emphasis (layout, cr, &style, hit, WFL_SANKEY_EMPHASIS_KNOCKOUT);
  cairo_destroy (cr);
  cairo_surface_flush (overlay);
  assert_same_pixels (overlay, marked, 1);

  g_assert_cmpint (bx, >, 0);
  g_assert_cmpint (by, >, 0);
  stride = cairo_image_surface_get_stride (marked);
  px = *(const guint32 *) (gconstpointer) (cairo_image_surface_get_data (marked) + (gsize) by * stride + 4 * bx);
  g_assert_cmpint ((px >> 16) & 0xff, ==, (int) round (style.late.r * 255));
  g_assert_cmpint ((px >> 8) & 0xff, ==, (int) round (style.late.g * 255));
  g_assert_cmpint (px & 0xff, ==, (int) round (style.late.b * 255));
  px = *(const guint32 *) (gconstpointer) (cairo_image_surface_get_data (plain) + (gsize) by * stride + 4 * bx);
  g_assert_cmpuint (px, !=, *(const guint32 *) (gconstpointer) (cairo_image_surface_get_data (marked) +
                                                               (gsize) by * stride + 4 * bx));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (marked);
  cairo_surface_destroy (overlay);
  wfl_chart_style_clear (&style);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/render/sankey-paint/threads-plain", test_threads_plain);
  g_test_add_func ("/wfl/render/sankey-paint/threads-loop-and-focus", test_threads_loop_and_focus);
  g_test_add_func ("/wfl/render/sankey-paint/threads-scaled-clipped", test_threads_scaled_clipped);
  g_test_add_func ("/wfl/render/sankey-paint/flagged-mark", test_flagged_mark);

  return g_test_run ();
}
