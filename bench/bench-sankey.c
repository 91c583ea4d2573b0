/* bench-sankey.c: Sankey layout and painting against d3-sankey 0.12.3
 * and Graphviz dot
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crossings: one counter for every tool, the standard layered count.
 * Every link that spans several columns passes one point per column in
 * between; crossings are counted between adjacent columns by
 * wfl_sankey_count_crossings () over the band pieces there, plainly and
 * weighted (the sum of the value products of the crossing pairs, per
 * mille of the total link value squared).  Every tool orders the same
 * columns, Waferline's: d3-sankey through its nodeAlign, dot through
 * rank=same groups on a chain of invisible column anchors; both are read
 * back where they draw (d3-sankey's curves and dot's splines sampled
 * where they pass each column).  Feedback links (Waferline's loops) are
 * left out of all three.
 *
 * The graphs: the UK energy flows (tests/data/energy-uk-2050.csv), the
 * seeded layered tables layered-300 and layered-2400 (every node fed near
 * its own place, so that a good order exists), and the flows of two
 * seeded simulated supply chains, scenario-320 (8 × 40 nodes, 820 links)
 * and scenario-2400 (12 × 200, 6,600), whose links are random between
 * adjacent layers (tests/tools/wfl-layered-scenario.c, seed 2023 as
 * bench-sankey-view).
 *
 * d3-sankey runs when node and bench/node_modules/d3-sankey exist
 * (./run.sh bench installs it), dot when Graphviz is installed
 * (./run.sh bench installs it too); otherwise their figures read "n/a".
 */

#define G_LOG_DOMAIN "wfl-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "wfl-layered-scenario.h"
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

/* d3-sankey on csv; with columns (a file of "id<TAB>column" lines) on
 * those columns, else on its own. */
static D3Result
run_d3 (const char *csv,
        const char *columns,
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
  const char *argv[] = { "timeout", t, node, script, csv, w, h, n, columns, NULL };

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

/* The sum of every link's value: weighted crossings are given per mille
 * of its square. */
static double
total_value (WflSankeyGraph *g)
{
  double total = 0;

  for (guint l = 0; l < wfl_sankey_graph_get_n_links (g); l++)
    total += wfl_sankey_graph_get_link (g, l)->value;
  return total;
}

/* The graph as a flow table (ids), for d3-sankey. */
static void
write_csv (WflSankeyGraph *g,
           const char     *path)
{
  g_autoptr(GString) csv = g_string_new ("source,target,value\n");
  char vbuf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint l = 0; l < wfl_sankey_graph_get_n_links (g); l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (g, l);

      g_string_append_printf (csv, "%s,%s,%s\n", wfl_sankey_graph_get_node (g, link->source)->id,
                              wfl_sankey_graph_get_node (g, link->target)->id,
                              g_ascii_dtostr (vbuf, sizeof vbuf, link->value));
    }
  g_file_set_contents (path, csv->str, csv->len, NULL);
}

/* Waferline's columns, one "id<TAB>column" line per node. */
static void
write_columns (const WflSankeyLayout *layout,
               const char            *path)
{
  WflSankeyGraph *g = wfl_sankey_layout_get_graph (layout);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (g); v++)
    g_string_append_printf (out, "%s\t%u\n", wfl_sankey_graph_get_node (g, v)->id,
                            wfl_sankey_layout_get_node (layout, v)->column);
  g_file_set_contents (path, out->str, out->len, NULL);
}

/* dot's input: rankdir=LR, one rank=same group per column of layout on a
 * chain of invisible anchors (so dot keeps exactly these columns), every
 * link that is not a loop as an edge. */
static GString *
dot_input (const WflSankeyLayout *layout)
{
  WflSankeyGraph *g = wfl_sankey_layout_get_graph (layout);
  guint nc = wfl_sankey_layout_get_n_columns (layout);
  GString *gv = g_string_new ("digraph G {\n  rankdir=LR; nodesep=0.05; ranksep=0.5;\n"
                              "  node [shape=box, label=\"\", width=0.2, height=0.1, fixedsize=true];\n"
                              "  edge [dir=none];\n");

  for (guint c = 0; c + 1 < nc; c++)
    g_string_append_printf (gv, "  c%u -> c%u [style=invis, weight=1000];\n", c, c + 1);
  for (guint c = 0; c < nc; c++)
    {
      g_string_append_printf (gv, "  { rank=same; c%u [style=invis];", c);
      for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (g); v++)
        if (wfl_sankey_layout_get_node (layout, v)->column == c)
          g_string_append_printf (gv, " n%u;", v);
      g_string_append (gv, " }\n");
    }
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (g); l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (g, l);

      if (!wfl_sankey_layout_get_link (layout, l)->loop)
        g_string_append_printf (gv, "  n%u -> n%u;\n", link->source, link->target);
    }
  g_string_append (gv, "}\n");
  return gv;
}

/* y where dot's spline (cubic Bézier pieces p[0..n), n = 3k + 1) passes
 * x: the first piece whose ends bracket x, by bisection. */
static double
spline_y_at (const WflSankeyPoint *p,
             guint                 n,
             double                x)
{
  for (guint i = 0; i + 3 < n; i += 3)
    {
      double lo = 0, hi = 1, t = 0.5, x0 = p[i].x, x3 = p[i + 3].x;
      gboolean rising = x3 >= x0;

      if (x < MIN (x0, x3) - 1e-6 || x > MAX (x0, x3) + 1e-6)
        continue;
      for (int it = 0; it < 50; it++)
        {
          double u, fx;

          t = (lo + hi) / 2;
          u = 1 - t;
          fx = u * u * u * x0 + 3 * u * u * t * p[i + 1].x + 3 * u * t * t * p[i + 2].x + t * t * t * x3;
          if ((fx < x) == rising)
            lo = t;
          else
            hi = t;
        }
      {
        double u = 1 - t;

        return u * u * u * p[i].y + 3 * u * u * t * p[i + 1].y + 3 * u * t * t * p[i + 2].y + t * t * t * p[i + 3].y;
      }
    }
  return fabs (x - p[0].x) < fabs (x - p[n - 1].x) ? p[0].y : p[n - 1].y;
}

/* One dot -Tplain "edge" line as band pieces: the node's y at its ends,
 * the spline's y where it passes the columns between. */
static void
dot_edge_segments (const WflSankeyLayout *layout,
                   char                 **f,
                   guint                  n_fields,
                   GHashTable            *link_of,
                   const double          *node_y,
                   const double          *col_x,
                   GArray                *segments)
{
  WflSankeyGraph *g = wfl_sankey_layout_get_graph (layout);
  guint s, t, n, cs, ct;
  gint64 key;
  GQueue *queue;
  g_autofree WflSankeyPoint *p = NULL;
  double value;

  if (n_fields < 4 || f[1][0] != 'n' || f[2][0] != 'n')
    return;
  s = atoi (f[1] + 1);
  t = atoi (f[2] + 1);
  n = atoi (f[3]);
  key = ((gint64) s << 32) | t;
  queue = g_hash_table_lookup (link_of, &key);
  if (queue == NULL || g_queue_is_empty (queue) || n < 4 || n_fields < 4 + 2 * n)
    return;
  value = wfl_sankey_graph_get_link (g, GPOINTER_TO_UINT (g_queue_pop_head (queue)))->value;
  p = g_new (WflSankeyPoint, n);
  for (guint i = 0; i < n; i++)
    {
      p[i].x = g_ascii_strtod (f[4 + 2 * i], NULL);
      p[i].y = g_ascii_strtod (f[5 + 2 * i], NULL);
    }
  cs = wfl_sankey_layout_get_node (layout, s)->column;
  ct = wfl_sankey_layout_get_node (layout, t)->column;
  for (guint c = cs; c < ct; c++)
    {
      WflSankeyCrossingSegment seg;

      seg.gap = c;
      seg.y_left = c == cs ? node_y[s] : spline_y_at (p, n, col_x[c]);
      seg.y_right = c + 1 == ct ? node_y[t] : spline_y_at (p, n, col_x[c + 1]);
      seg.weight = value;
      g_array_append_val (segments, seg);
    }
}

/* Graphviz dot (when installed) on the columns of layout: its band
 * pieces, read back from -Tplain. */
static D3Result
run_dot (const WflSankeyLayout *layout,
         int                    timeout_s)
{
  D3Result r = { FALSE, 0, NULL };
  WflSankeyGraph *g = wfl_sankey_layout_get_graph (layout);
  guint nn = wfl_sankey_graph_get_n_nodes (g), nc = wfl_sankey_layout_get_n_columns (layout);
  g_autofree char *dot = g_find_program_in_path ("dot");
  g_autofree char *gv_path = g_build_filename (tmp_dir, "graph.gv", NULL);
  g_autofree char *t = g_strdup_printf ("%d", timeout_s);
  g_autofree char *out = NULL;
  g_autofree double *node_y = g_new0 (double, nn + 1);
  g_autofree double *col_x = g_new0 (double, nc + 1);
  g_autoptr(GHashTable) link_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_queue_free);
  g_autoptr(GString) gv = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "timeout", t, "dot", "-Tplain", gv_path, NULL };
  int status = 0;
  gint64 t0;

  if (dot == NULL)
    return r;
  gv = dot_input (layout);
  g_file_set_contents (gv_path, gv->str, gv->len, NULL);
  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    {
      g_unlink (gv_path);
      return r;
    }
  r.ms = (g_get_monotonic_time () - t0) / 1000.0;
  g_unlink (gv_path);

  for (guint l = 0; l < wfl_sankey_graph_get_n_links (g); l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (g, l);
      gint64 key = ((gint64) link->source << 32) | link->target;
      GQueue *queue = g_hash_table_lookup (link_of, &key);

      if (queue == NULL)
        g_hash_table_insert (link_of, g_memdup2 (&key, sizeof key), queue = g_queue_new ());
      g_queue_push_tail (queue, GUINT_TO_POINTER (l));
    }

  /* Nodes (and column anchors) first, then the edges. */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "node "))
      {
        g_auto(GStrv) f = g_strsplit (lines[i], " ", 5);

        if (g_strv_length (f) < 4)
          continue;
        if (f[1][0] == 'n' && (guint) atoi (f[1] + 1) < nn)
          node_y[atoi (f[1] + 1)] = g_ascii_strtod (f[3], NULL);
        else if (f[1][0] == 'c' && (guint) atoi (f[1] + 1) < nc)
          col_x[atoi (f[1] + 1)] = g_ascii_strtod (f[2], NULL);
      }
  r.segments = g_array_new (FALSE, FALSE, sizeof (WflSankeyCrossingSegment));
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "edge "))
      {
        g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);

        dot_edge_segments (layout, f, g_strv_length (f), link_of, node_y, col_x, r.segments);
      }
  r.ok = TRUE;
  return r;
}

/* "waferline 114 / dot 80 / d3 139" and the same weighted, per mille. */
static void
print_counts (const char     *name,
              double          total,
              double          w,
              guint64         c,
              const D3Result *dot,
              const D3Result *d3)
{
  const D3Result *peers[] = { dot, d3 };
  const char *peer_names[] = { "dot", "d3" };
  g_autoptr(GString) plain = g_string_new (NULL), weighted = g_string_new (NULL);
  double norm = total > 0 ? 1000 / (total * total) : 0;

  g_string_append_printf (plain, "waferline %" G_GUINT64_FORMAT, c);
  g_string_append_printf (weighted, "waferline %.3f ‰", w * norm);
  for (guint k = 0; k < G_N_ELEMENTS (peers); k++)
    if (peers[k] != NULL && peers[k]->ok)
      {
        double pw;
        guint64 pc;

        wfl_sankey_count_crossings ((const WflSankeyCrossingSegment *) peers[k]->segments->data,
                                    peers[k]->segments->len, &pw, &pc);
        g_string_append_printf (plain, " / %s %" G_GUINT64_FORMAT, peer_names[k], pc);
        g_string_append_printf (weighted, " / %s %.3f ‰", peer_names[k], pw * norm);
        if (k == 0)
          {
            g_string_append_printf (plain, " (%.2fx dot)", pc > 0 ? (double) c / pc : 1.0);
            g_string_append_printf (weighted, " (%.2fx dot)", pw > 0 ? w / pw : 1.0);
          }
      }
    else
      {
        g_string_append_printf (plain, " / %s n/a", peer_names[k]);
        g_string_append_printf (weighted, " / %s n/a", peer_names[k]);
      }
  /* printf, not g_print: "‰" stays UTF-8 whatever the locale. */
  printf ("sankey-crossings-%s: %s\n", name, plain->str);
  printf ("sankey-crossings-weighted-%s: %s\n", name, weighted->str);
  fflush (stdout);
}

/* Both counts of Waferline, dot and d3-sankey on Waferline's columns
 * (columns chosen as mode says), and the pass-through points. */
static void
print_crossings (const char       *name,
                 WflSankeyGraph   *g,
                 double            width,
                 double            height,
                 WflSankeyColumns  mode)
{
  WflSankeyLayoutOptions options;
  g_autoptr(WflSankeyLayout) layout = NULL;
  const char *only = g_getenv ("WFL_BENCH_GRAPH");
  g_autofree char *csv = g_build_filename (tmp_dir, "flows.csv", NULL);
  g_autofree char *columns = g_build_filename (tmp_dir, "columns.tsv", NULL);
  D3Result d3, dot;
  double w;
  guint64 c;

  /* WFL_BENCH_GRAPH=NAME: only that graph (while tuning). */
  if (only != NULL && strcmp (only, name) != 0)
    return;
  wfl_sankey_layout_options_init (&options);
  options.columns = mode;
  layout = wfl_sankey_layout_new (g, &options, width, height);
  write_csv (g, csv);
  write_columns (layout, columns);
  /* WFL_BENCH_NO_PEERS=1: Waferline only (while tuning). */
  if (g_getenv ("WFL_BENCH_NO_PEERS") == NULL)
    {
      d3 = run_d3 (csv, columns, width, height, 1, 120);
      dot = run_dot (layout, 600);
    }
  else
    d3 = dot = (D3Result) { FALSE, 0, NULL };
  wfl_sankey_layout_count_crossings (layout, &w, &c);
  print_counts (name, total_value (g), w, c, &dot, &d3);
  g_print ("sankey-pass-through-%s: %u points\n", name, wfl_sankey_layout_get_n_waypoints (layout));
  if (dot.ok)
    g_print ("sankey-dot-time-%s: %.0f ms\n", name, dot.ms);
  d3_result_clear (&d3);
  d3_result_clear (&dot);
  g_unlink (csv);
  g_unlink (columns);
}

/* The flows of a seeded simulated supply chain, weeks 0..51. */
static WflSankeyGraph *
scenario_graph (int n_layers,
                int per_layer,
                int n_links)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (2023, n_layers, per_layer, n_links, 52);
  g_autoptr(WflSimulation) sim = wfl_simulation_new (scenario, NULL);
  g_autoptr(GArray) ranking = NULL;

  g_assert (sim != NULL);
  g_assert (wfl_simulation_run (sim, NULL, NULL));
  /* The limiting marks, as an export gets them. */
  ranking = wfl_sankey_graph_rank_window (sim, 0, 51, NULL, NULL);
  g_assert (ranking != NULL);
  return wfl_sankey_graph_new_for_window (scenario, sim, ranking, 0, 51);
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
  g_autofree char *csv2400 = NULL, *csv_hub = NULL;
  gboolean with_d3_hub = g_getenv ("WFL_BENCH_SKIP_D3_HUB") == NULL;
  /* WFL_BENCH_ONLY=paint runs only the paint case (for perf). */
  gboolean only_paint = g_strcmp0 (g_getenv ("WFL_BENCH_ONLY"), "paint") == 0;
  /* WFL_BENCH_ONLY=layout runs only the layout times. */
  gboolean only_layout = g_strcmp0 (g_getenv ("WFL_BENCH_ONLY"), "layout") == 0;
  WflChartStyle style;
  WflSankeyGraph *scenario_2400 = NULL;

  tmp_dir = g_dir_make_tmp ("wfl-bench-XXXXXX", NULL);
  csv2400 = g_build_filename (tmp_dir, "layered-2400.csv", NULL);
  csv_hub = g_build_filename (tmp_dir, "hub-5000.csv", NULL);

  /* Warm the font cache so that the first layout is not charged for it. */
  {
    g_autoptr(WflSankeyGraph) g = hub_graph (3, NULL);
    g_autoptr(WflSankeyLayout) l = wfl_sankey_layout_new (g, NULL, 100, 100);
  }

  if (only_paint)
    goto paint;

  if (only_layout)
    goto layout;

  /* Crossings, one counter for every tool, on the same columns. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (energy);
    g_autoptr(WflFlows) flows = wfl_flows_new_from_file (file, NULL);
    g_autoptr(WflSankeyGraph) g = flows ? wfl_sankey_graph_new_from_flows (flows) : NULL;

    if (g != NULL)
      {
        print_crossings ("energy", g, 1280, 800, WFL_SANKEY_COLUMNS_LONGEST_PATH);
        print_crossings ("energy-short-links", g, 1280, 800, WFL_SANKEY_COLUMNS_SHORT_LINKS);
      }
  }
  {
    g_autoptr(WflSankeyGraph) g = layered_graph (300, 825, 10, 300, NULL);

    print_crossings ("layered-300", g, 1600, 1000, WFL_SANKEY_COLUMNS_LONGEST_PATH);
  }
  {
    g_autoptr(WflSankeyGraph) g = scenario_graph (8, 40, 820);

    print_crossings ("scenario-320", g, 1600, 1000, WFL_SANKEY_COLUMNS_LONGEST_PATH);
  }
  {
    g_autoptr(WflSankeyGraph) g = layered_graph (2400, 6600, 12, 2400, NULL);

    print_crossings ("layered-2400", g, 1920, 1400, WFL_SANKEY_COLUMNS_LONGEST_PATH);
  }
  scenario_2400 = scenario_graph (12, 200, 6600);
  print_crossings ("scenario-2400", scenario_2400, 1920, 1400, WFL_SANKEY_COLUMNS_LONGEST_PATH);

layout:
  if (g_getenv ("WFL_BENCH_GRAPH") != NULL)
    goto paint;
  {
    g_autoptr(WflSankeyGraph) g = layered_graph (2400, 6600, 12, 2400, csv2400);
    D3Result d3;
    double ms;

    ms = time_layout (g, 1920, 1400, 5);
    d3 = run_d3 (csv2400, NULL, 1920, 1400, 5, 300);
    print_time ("sankey-layout-2400", ms, &d3, "d3-sankey n/a");
    d3_result_clear (&d3);
  }
  if (scenario_2400 == NULL)
    scenario_2400 = scenario_graph (12, 200, 6600);
  print_time ("sankey-layout-scenario-2400", time_layout (scenario_2400, 1920, 1400, 5), NULL, NULL);
  g_clear_pointer (&scenario_2400, wfl_sankey_graph_unref);
  {
    g_autoptr(WflSankeyGraph) g = hub_graph (5000, csv_hub);
    double ms = time_layout (g, 1920, 1400, 5);

    if (with_d3_hub)
      {
        /* d3-sankey is quadratic here; give it a minute at most, once. */
        D3Result d3 = run_d3 (csv_hub, NULL, 1920, 1400, 1, 60);

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

  g_unlink (csv2400);
  g_unlink (csv_hub);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return 0;
}
