/* bench-sankey.c: Sankey layout and painting against d3-sankey 0.12.3
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crossings of both tools are counted by one counter, Waferline's
 * wfl_sankey_count_crossings (), over band pieces between adjacent
 * columns (d3-sankey's long bands sampled where they pass each column).
 * d3-sankey runs when node and bench/node_modules/d3-sankey exist
 * (./run.sh bench installs it); otherwise its figures read "n/a".
 */

#define G_LOG_DOMAIN "wfl-bench"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "wfl-sankey-render.h"
#include "wfl-sankey-render-private.h"

static char *tmp_dir;

typedef struct
{
  gboolean  ok;
  double    ms;
  GArray   *segments;   /* of WflSankeyCrossingSegment */
} D3Result;

static void
d3_result_clear (D3Result *r)
{
  if (r->segments)
    g_array_unref (r->segments);
}

static D3Result
run_d3 (const char *csv,
        double      width,
        double      height,
        int         runs,
        int         timeout_s)
{
  D3Result r = { FALSE, 0, NULL };
  g_autofree char *script = g_build_filename (BENCH_SRCDIR, "d3-sankey-bench.js", NULL);
  g_autofree char *module = g_build_filename (BENCH_SRCDIR, "node_modules", "d3-sankey", NULL);
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *w = g_strdup_printf ("%g", width), *h = g_strdup_printf ("%g", height);
  g_autofree char *n = g_strdup_printf ("%d", runs), *t = g_strdup_printf ("%d", timeout_s);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  const char *argv[] = { "timeout", t, node, script, csv, w, h, n, NULL };

  if (node == NULL || !g_file_test (module, G_FILE_TEST_IS_DIR))
    return r;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    return r;

  r.segments = g_array_new (FALSE, FALSE, sizeof (WflSankeyCrossingSegment));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "time-ms: "))
        {
          r.ms = g_ascii_strtod (lines[i] + 9, NULL);
          r.ok = TRUE;
        }
      else if (g_str_has_prefix (lines[i], "seg "))
        {
          g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);
          WflSankeyCrossingSegment s;

          if (g_strv_length (f) != 5)
            continue;
          s.gap = atoi (f[1]);
          s.y_left = g_ascii_strtod (f[2], NULL);
          s.y_right = g_ascii_strtod (f[3], NULL);
          s.weight = g_ascii_strtod (f[4], NULL);
          g_array_append_val (r.segments, s);
        }
    }
  return r;
}

/* A seeded layered flow graph: every node fed from the layer before,
 * near its own place (so a good order exists), a few links skipping a
 * layer; written as CSV for d3-sankey too. */
static WflSankeyGraph *
layered_graph (guint        n_nodes,
               guint        n_links,
               guint        layers,
               guint32      seed,
               const char  *csv_path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) csv = g_string_new ("source,target,value\n");
  WflSankeyGraph *g = wfl_sankey_graph_new ();
  guint per = n_nodes / layers;
  g_autofree gboolean *has_out = g_new0 (gboolean, n_nodes);
  char id[32];

  for (guint v = 0; v < per * layers; v++)
    {
      g_snprintf (id, sizeof id, "n%u", v);
      wfl_sankey_graph_add_node (g, id, id, NULL, NULL);
    }

#define NODE(layer, k) ((layer) * per + (k))
#define ADD(s_, t_) G_STMT_START {                                             \
    guint s = (s_), t = (t_);                                                  \
    gint64 key = ((gint64) s << 32) | t;                                       \
    if (!g_hash_table_contains (pairs, &key))                                  \
      {                                                                        \
        double value = round (exp (g_rand_double_range (rand, -1, 3.5)) * 100) / 100; \
        char vbuf[G_ASCII_DTOSTR_BUF_SIZE];                                    \
        g_hash_table_add (pairs, g_memdup2 (&key, sizeof key));                \
        wfl_sankey_graph_add_link (g, (s), (t), value);                        \
        has_out[s] = TRUE;                                                     \
        g_string_append_printf (csv, "n%u,n%u,%s\n", (guint) (s), (guint) (t), \
                                g_ascii_dtostr (vbuf, sizeof vbuf, value));    \
      }                                                                        \
  } G_STMT_END

  /* Near: within a tenth of the layer around the same relative place. */
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
  while (wfl_sankey_graph_get_n_links (g) < n_links)
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

  if (csv_path)
    g_file_set_contents (csv_path, csv->str, csv->len, NULL);
  return g;
}

static WflSankeyGraph *
hub_graph (guint       leaves,
           const char *csv_path)
{
  g_autoptr(GString) csv = g_string_new ("source,target,value\n");
  WflSankeyGraph *g = wfl_sankey_graph_new ();
  guint hub = wfl_sankey_graph_add_node (g, "hub", "Hub", NULL, NULL);
  char id[32];

  for (guint v = 0; v < leaves; v++)
    {
      g_snprintf (id, sizeof id, "leaf%u", v);
      wfl_sankey_graph_add_link (g, hub, wfl_sankey_graph_add_node (g, id, id, NULL, NULL), 1 + v % 13);
      g_string_append_printf (csv, "hub,%s,%u\n", id, 1 + v % 13);
    }
  if (csv_path)
    g_file_set_contents (csv_path, csv->str, csv->len, NULL);
  return g;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Median wall time of runs layouts, in ms. */
static double
time_layout (WflSankeyGraph *g,
             double          width,
             double          height,
             int             runs)
{
  double times[32];

  runs = MIN (runs, 32);
  for (int i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      WflSankeyLayout *layout = wfl_sankey_layout_new (g, NULL, width, height);

      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      wfl_sankey_layout_unref (layout);
    }
  qsort (times, runs, sizeof (double), compare_double);
  return times[runs / 2];
}

static void
print_crossings (const char     *name,
                 WflSankeyGraph *g,
                 const char     *csv,
                 double          width,
                 double          height)
{
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (g, NULL, width, height);
  D3Result d3 = run_d3 (csv, width, height, 1, 120);
  double w, dw = 0;
  guint64 c, dc = 0;

  wfl_sankey_layout_count_crossings (layout, &w, &c);
  if (d3.ok)
    wfl_sankey_count_crossings ((const WflSankeyCrossingSegment *) d3.segments->data, d3.segments->len, &dw, &dc);
  if (d3.ok)
    {
      g_print ("sankey-crossings-%s: waferline %" G_GUINT64_FORMAT " / d3 %" G_GUINT64_FORMAT "\n", name, c, dc);
      g_print ("sankey-crossings-weighted-%s: waferline %.4g / d3 %.4g\n", name, w, dw);
    }
  else
    {
      g_print ("sankey-crossings-%s: waferline %" G_GUINT64_FORMAT " / d3 n/a\n", name, c);
      g_print ("sankey-crossings-weighted-%s: waferline %.4g / d3 n/a\n", name, w);
    }
  d3_result_clear (&d3);
}

static void
print_time (const char     *name,
            double          ms,
            const D3Result *d3,
            const char     *d3_note)
{
  if (d3 != NULL && d3->ok)
    g_print ("%s: %.1f ms (d3-sankey %.0f ms, %.1fx)\n", name, ms, d3->ms, d3->ms / ms);
  else if (d3_note != NULL)
    g_print ("%s: %.1f ms (%s)\n", name, ms, d3_note);
  else
    g_print ("%s: %.1f ms\n", name, ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *energy = g_build_filename (BENCH_SRCDIR, "..", "tests", "data", "energy-uk-2050.csv", NULL);
  g_autofree char *csv300 = NULL, *csv2400 = NULL, *csv_hub = NULL;
  gboolean with_d3_hub = g_getenv ("WFL_BENCH_SKIP_D3_HUB") == NULL;
  /* WFL_BENCH_ONLY=paint runs only the paint case (for perf). */
  gboolean only_paint = g_strcmp0 (g_getenv ("WFL_BENCH_ONLY"), "paint") == 0;
  WflChartStyle style;

  tmp_dir = g_dir_make_tmp ("wfl-bench-XXXXXX", NULL);
  csv300 = g_build_filename (tmp_dir, "layered-300.csv", NULL);
  csv2400 = g_build_filename (tmp_dir, "layered-2400.csv", NULL);
  csv_hub = g_build_filename (tmp_dir, "hub-5000.csv", NULL);

  /* Warm the font cache so that the first layout is not charged for it. */
  {
    g_autoptr(WflSankeyGraph) g = hub_graph (3, NULL);
    g_autoptr(WflSankeyLayout) l = wfl_sankey_layout_new (g, NULL, 100, 100);
  }

  if (only_paint)
    goto paint;

  /* Crossings, one counter for both tools. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (energy);
    g_autoptr(WflFlows) flows = wfl_flows_new_from_file (file, NULL);
    g_autoptr(WflSankeyGraph) g = flows ? wfl_sankey_graph_new_from_flows (flows) : NULL;

    if (g != NULL)
      print_crossings ("energy", g, energy, 1280, 800);
  }
  {
    g_autoptr(WflSankeyGraph) g = layered_graph (300, 825, 10, 300, csv300);

    print_crossings ("layered-300", g, csv300, 1600, 1000);
  }
  {
    g_autoptr(WflSankeyGraph) g = layered_graph (2400, 6600, 12, 2400, csv2400);
    D3Result d3;
    double ms;

    print_crossings ("layered-2400", g, csv2400, 1920, 1400);
    ms = time_layout (g, 1920, 1400, 5);
    d3 = run_d3 (csv2400, 1920, 1400, 5, 300);
    print_time ("sankey-layout-2400", ms, &d3, "d3-sankey n/a");
    d3_result_clear (&d3);
  }
  {
    g_autoptr(WflSankeyGraph) g = hub_graph (5000, csv_hub);
    double ms = time_layout (g, 1920, 1400, 5);

    if (with_d3_hub)
      {
        /* d3-sankey is quadratic here; give it a minute at most, once. */
        D3Result d3 = run_d3 (csv_hub, 1920, 1400, 1, 60);

        print_time ("sankey-layout-hub-5000", ms, &d3, "d3-sankey > 60 s or n/a, capped");
        d3_result_clear (&d3);
      }
    else
      print_time ("sankey-layout-hub-5000", ms, NULL, NULL);
  }
  {
    g_autoptr(WflSankeyGraph) g = layered_graph (10000, 20000, 25, 10000, NULL);

    print_time ("sankey-layout-10000", time_layout (g, 1920, 1400, 3), NULL, NULL);
  }
paint:
  {
    g_autoptr(WflSankeyGraph) g = layered_graph (320, 820, 8, 320, NULL);
    g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (g, NULL, 1920, 1080);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
    double times[11], one[11];

    wfl_chart_style_init_light (&style);
    /* Interleaved, so that both see the same load: the painter as
     * called, and with its bands on one thread. */
    for (int i = 0; i < 11; i++)
      for (int single = 0; single < 2; single++)
        {
          cairo_t *cr = cairo_create (surface);
          gint64 t0 = g_get_monotonic_time ();

          if (single)
            wfl_sankey_render_with_threads (layout, cr, &style, NULL, 1);
          else
            wfl_sankey_render (layout, cr, &style, NULL);
          cairo_surface_flush (surface);
          (single ? one : times)[i] = (g_get_monotonic_time () - t0) / 1000.0;
          cairo_destroy (cr);
        }
    qsort (times, 11, sizeof (double), compare_double);
    qsort (one, 11, sizeof (double), compare_double);
    g_print ("sankey-paint-320x820-1920x1080: %.1f ms\n", times[5]);
    g_print ("sankey-paint-320x820-1920x1080-1-thread: %.1f ms\n", one[5]);
    cairo_surface_destroy (surface);
    wfl_chart_style_clear (&style);
  }

  g_unlink (csv300);
  g_unlink (csv2400);
  g_unlink (csv_hub);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return 0;
}
