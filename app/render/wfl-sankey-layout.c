/* wfl-sankey-layout.c: Sankey geometry
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps, each at most O((V + E) log E) so that graphs of tens of
 * thousands of nodes lay out in well under a second:
 *
 *  1. Cycles: strongly connected components (Tarjan), then in each the
 *     Eades–Lin–Smyth greedy ordering with bucket lists (linear time); the
 *     links it sends backwards are feedback links, drawn as loops.
 *  2. Columns: longest path from the sources on the acyclic graph, pins
 *     respected, sinks pushed to the last column, and nodes that send more
 *     than they receive pulled right (thin bands get long, not wide ones).
 *  3. Links that skip columns get hidden waypoints, one per column.
 *  4. Order within columns: weighted-barycentre sweeps down and up,
 *     keeping the best order seen by the weighted crossing count (crossing
 *     weight = product of the two flows, counted with a Fenwick tree),
 *     then weighted adjacent exchange until no swap helps.  Both are
 *     capped by work, not time, so the result is deterministic.
 *  5. Vertical positions: Gauss–Seidel relaxation of every band toward
 *     horizontal, each column solved exactly as a weighted isotonic
 *     regression (pool-adjacent-violators) under the no-overlap and box
 *     constraints, so nodes never overlap and keep their order.
 *  6. Ports: bands leave and enter each node sorted by the other end,
 *     loops at the bottom, so bands of one node never cross each other.
 *  7. Labels outside the first and last column, inside the gaps between
 *     the others, kept where they do not collide (largest nodes first).
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wfl-json.h"
#include "wfl-sankey-layout.h"

#define NONE G_MAXUINT

#define DEFAULT_FONT "Cantarell, Noto Sans, DejaVu Sans, sans-serif"
#define LABEL_PAD 5.0          /* between a node and its label */
#define LOOP_GAP 3.0           /* between loop lanes */
#define N_COLORS 7             /* Okabe–Ito without its grey */

typedef struct
{
  guint   node;      /* graph node, or NONE for a waypoint */
  guint   link;      /* a waypoint's link */
  guint   column;
  guint   pos;       /* index within its column */
  double  value;
  double  pin;       /* vertical pin 0..1, NAN = free */
  double  y;         /* top */
  double  h;
} Item;

typedef struct
{
  guint   left;      /* item in column c */
  guint   right;     /* item in column c + 1 */
  guint   link;
  double  w;         /* value */
  double  off_left;  /* band top below the left item's top */
  double  off_right;
} Seg;

typedef struct
{
  double ascii[128];
  double average;
  double line_height;
  PangoFontDescription *desc;
} TextMetrics;

struct _WflSankeyLayout
{
  gatomicrefcount         ref_count;
  WflSankeyGraph         *graph;
  double                  width;
  double                  height;
  double                  font_size;
  guint                   n_columns;
  double                  node_width;
  double                 *col_x0;       /* per column */

  WflSankeyNodeGeometry  *nodes;
  WflSankeyLinkGeometry  *links;
  GArray                 *points;       /* of WflSankeyPoint */
  guint                  *paint_order;
  guint                  *paint_rank;
  GPtrArray              *strings;

  Item                   *items;
  guint                   n_items;
  Seg                    *segs;
  guint                   n_segs;
  guint                  *col_start;    /* n_columns + 1 */
  guint                  *col_items;    /* items in column order */
  guint                  *gap_start;    /* n_columns + 1: segs by gap */
  guint                  *gap_segs;
  guint                  *loops;        /* loop link indices */
  guint                   n_loops;
  guint                  *link_first_seg;
};

/* ---------------------------------------------------------------- *
 * Text sizes: a table of ASCII advances per font, measured once.
 * ---------------------------------------------------------------- */

G_LOCK_DEFINE_STATIC (metrics);
static GHashTable *metrics_cache;

static const TextMetrics *
get_metrics (const char *family,
             double      size)
{
  g_autofree char *key = g_strdup_printf ("%s|%g", family, size);
  PangoFontMap *font_map;
  PangoContext *context;
  PangoLayout *layout;
  TextMetrics *m;
  PangoRectangle logical;
  double sum = 0;
  int n = 0;

  G_LOCK (metrics);
  if (metrics_cache == NULL)
    metrics_cache = g_hash_table_new (g_str_hash, g_str_equal);
  m = g_hash_table_lookup (metrics_cache, key);
  if (m != NULL)
    {
      G_UNLOCK (metrics);
      return m;
    }

  m = g_new0 (TextMetrics, 1);
  m->desc = pango_font_description_from_string (family);
  pango_font_description_set_size (m->desc, (int) (size * PANGO_SCALE));
  font_map = pango_cairo_font_map_get_default ();
  context = pango_font_map_create_context (font_map);
  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, m->desc);
  for (int c = 32; c < 127; c++)
    {
      char text[2] = { (char) c, 0 };

      pango_layout_set_text (layout, text, 1);
      pango_layout_get_extents (layout, NULL, &logical);
      m->ascii[c] = (double) logical.width / PANGO_SCALE;
      if (g_ascii_isalnum (c))
        sum += m->ascii[c], n++;
    }
  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_extents (layout, NULL, &logical);
  m->line_height = (double) logical.height / PANGO_SCALE;
  m->average = n > 0 ? sum / n : size * 0.6;
  g_object_unref (layout);
  g_object_unref (context);

  g_hash_table_insert (metrics_cache, g_steal_pointer (&key), m);
  G_UNLOCK (metrics);
  return m;
}

/* The width of the first len bytes of text (all of it when len < 0). */
static double
text_width_len (const TextMetrics *m,
                const char        *text,
                gssize             len)
{
  double w = 0;

  if (len < 0)
    len = (gssize) strlen (text);
  for (gssize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      if (c >= 128)
        {
          /* Rare: measure the whole string properly. */
          PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
          PangoLayout *layout = pango_layout_new (context);
          PangoRectangle logical;

          pango_layout_set_font_description (layout, m->desc);
          pango_layout_set_text (layout, text, (int) len);
          pango_layout_get_extents (layout, NULL, &logical);
          g_object_unref (layout);
          g_object_unref (context);
          return (double) logical.width / PANGO_SCALE;
        }
      if (c == '\n')
        continue;
      w += m->ascii[c];
    }
  return w;
}

static double
text_width (const TextMetrics *m,
            const char        *text)
{
  return text_width_len (m, text, -1);
}

/* ---------------------------------------------------------------- *
 * Numbers
 * ---------------------------------------------------------------- */

static char *
group_thousands (double rounded)
{
  char digits[64];
  GString *s = g_string_new (NULL);
  int len, first;

  g_snprintf (digits, sizeof digits, "%.0f", fabs (rounded));
  len = strlen (digits);
  if (rounded < 0)
    g_string_append_c (s, '-');
  first = len % 3 == 0 ? 3 : len % 3;
  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (i - first) % 3 == 0 && i >= first)
        g_string_append (s, "\u202f");
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static char *
format_significant (double value,
                    int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  char *dot;
  int len;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, value);
  dot = strchr (buf, '.');
  if (dot != NULL)
    {
      len = strlen (buf);
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  return g_strdup (buf);
}

static char *
with_suffix (double      scaled,
             const char *suffix)
{
  double a = fabs (scaled);
  g_autofree char *number = format_significant (scaled, a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2);

  return g_strdup_printf ("%s\u202f%s", number, suffix);
}

char *
wfl_sankey_format_quantity (double      value,
                            const char *unit)
{
  g_autofree char *number = NULL;
  double a = fabs (value);

  if (!isfinite (value))
    number = g_strdup ("–");
  else if (a >= 999.5e9)
    number = with_suffix (value / 1e12, "T");
  else if (a >= 999.5e6)
    number = with_suffix (value / 1e9, "bn");
  else if (a >= 9.995e6)
    number = with_suffix (value / 1e6, "M");
  else if (a >= 99.5)
    number = group_thousands (round (value));
  else if (a >= 9.995)
    number = format_significant (value, 1);
  else if (a >= 0.9995)
    number = format_significant (value, 2);
  else if (a == 0)
    number = g_strdup ("0");
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      number = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3g", value));
    }

  if (unit != NULL && *unit != '\0')
    return g_strdup_printf ("%s %s", number, unit);
  return g_steal_pointer (&number);
}

/* ---------------------------------------------------------------- *
 * 1. Feedback links
 * ---------------------------------------------------------------- */

typedef struct
{
  guint  n;
  guint  m;
  const guint *src;
  const guint *dst;
} Edges;

/* CSR adjacency: start[n + 1], list of edge ids. */
static void
build_csr (guint         n,
           guint         m,
           const guint  *from,
           const gboolean *keep,
           guint       **start_out,
           guint       **list_out)
{
  guint *start = g_new0 (guint, n + 1);
  guint *list = g_new (guint, m + 1);
  guint *fill;

  for (guint e = 0; e < m; e++)
    if (keep == NULL || keep[e])
      start[from[e] + 1]++;
  for (guint v = 0; v < n; v++)
    start[v + 1] += start[v];
  fill = g_memdup2 (start, sizeof (guint) * (n + 1));
  for (guint e = 0; e < m; e++)
    if (keep == NULL || keep[e])
      list[fill[from[e]]++] = e;
  g_free (fill);
  *start_out = start;
  *list_out = list;
}

static guint *
strong_components (const Edges *g)
{
  g_autofree guint *start = NULL;
  g_autofree guint *list = NULL;
  g_autofree guint *index = g_new (guint, g->n + 1);
  g_autofree guint *low = g_new (guint, g->n + 1);
  g_autofree guint *stack = g_new (guint, g->n + 1);
  g_autofree guint *frame_v = g_new (guint, g->n + 1);
  g_autofree guint *frame_it = g_new (guint, g->n + 1);
  g_autofree gboolean *on = g_new0 (gboolean, g->n + 1);
  guint *comp = g_new (guint, g->n + 1);
  guint counter = 0, sp = 0, n_comp = 0;

  build_csr (g->n, g->m, g->src, NULL, &start, &list);
  for (guint v = 0; v < g->n; v++)
    index[v] = NONE;

  for (guint root = 0; root < g->n; root++)
    {
      guint fp = 0;

      if (index[root] != NONE)
        continue;
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      on[root] = TRUE;
      frame_v[fp] = root;
      frame_it[fp] = start[root];
      fp++;

      while (fp > 0)
        {
          guint v = frame_v[fp - 1];

          if (frame_it[fp - 1] < start[v + 1])
            {
              guint w = g->dst[list[frame_it[fp - 1]++]];

              if (index[w] == NONE)
                {
                  index[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on[w] = TRUE;
                  frame_v[fp] = w;
                  frame_it[fp] = start[w];
                  fp++;
                }
              else if (on[w])
                low[v] = MIN (low[v], index[w]);
            }
          else
            {
              fp--;
              if (fp > 0)
                low[frame_v[fp - 1]] = MIN (low[frame_v[fp - 1]], low[v]);
              if (low[v] == index[v])
                {
                  guint x;

                  do
                    {
                      x = stack[--sp];
                      on[x] = FALSE;
                      comp[x] = n_comp;
                    }
                  while (x != v);
                  n_comp++;
                }
            }
        }
    }
  return comp;
}

typedef struct
{
  double delta;
  guint  v;
  guint  version;
} HeapEntry;

static void
heap_push (GArray    *heap,
           HeapEntry  e)
{
  guint i;

  g_array_append_val (heap, e);
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapEntry *a = &g_array_index (heap, HeapEntry, parent), *b = &g_array_index (heap, HeapEntry, i);

      if (a->delta > b->delta || (a->delta == b->delta && a->v < b->v))
        break;
      {
        HeapEntry t = *a;

        *a = *b;
        *b = t;
      }
      i = parent;
    }
}

static HeapEntry
heap_pop (GArray *heap)
{
  HeapEntry top = g_array_index (heap, HeapEntry, 0);
  guint i = 0, n;

  g_array_index (heap, HeapEntry, 0) = g_array_index (heap, HeapEntry, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  n = heap->len;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, best = i;
      HeapEntry *e = (HeapEntry *) heap->data;

#define HIGHER(x, y) (e[x].delta > e[y].delta || (e[x].delta == e[y].delta && e[x].v < e[y].v))
      if (l < n && HIGHER (l, best))
        best = l;
      if (r < n && HIGHER (r, best))
        best = r;
#undef HIGHER
      if (best == i)
        break;
      {
        HeapEntry t = e[i];

        e[i] = e[best];
        e[best] = t;
      }
      i = best;
    }
  return top;
}

/* Eades–Lin–Smyth on the links inside strongly connected components
 * (links between components never close a cycle): sinks to the back,
 * sources to the front, otherwise the node whose outflow exceeds its
 * inflow the most to the front, so the links sent backwards (the
 * feedback links) are the light ones.  O(E log V) with a lazy heap. */
static void
find_feedback (const Edges  *g,
               const double *value,
               gboolean     *feedback)
{
  g_autofree guint *comp = strong_components (g);
  g_autofree gboolean *intra = g_new0 (gboolean, g->m + 1);
  g_autofree guint *out_start = NULL, *out_list = NULL;
  g_autofree guint *in_start = NULL, *in_list = NULL;
  g_autofree guint *indeg = g_new0 (guint, g->n + 1);
  g_autofree guint *outdeg = g_new0 (guint, g->n + 1);
  g_autofree double *delta = g_new0 (double, g->n + 1);
  g_autofree guint *version = g_new0 (guint, g->n + 1);
  g_autofree gboolean *active = g_new0 (gboolean, g->n + 1);
  g_autofree guint *order = g_new0 (guint, g->n + 1);
  g_autoptr(GArray) sinks = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapEntry));
  guint n_active = 0, left = 0, right;
  gboolean any = FALSE;

  for (guint e = 0; e < g->m; e++)
    {
      feedback[e] = g->src[e] == g->dst[e];
      intra[e] = !feedback[e] && comp[g->src[e]] == comp[g->dst[e]];
      any |= intra[e];
    }
  if (!any)
    return;

  build_csr (g->n, g->m, g->src, intra, &out_start, &out_list);
  build_csr (g->n, g->m, g->dst, intra, &in_start, &in_list);

  for (guint v = 0; v < g->n; v++)
    {
      indeg[v] = in_start[v + 1] - in_start[v];
      outdeg[v] = out_start[v + 1] - out_start[v];
      if (indeg[v] + outdeg[v] == 0)
        continue;
      active[v] = TRUE;
      n_active++;
      for (guint k = out_start[v]; k < out_start[v + 1]; k++)
        delta[v] += value[out_list[k]];
      for (guint k = in_start[v]; k < in_start[v + 1]; k++)
        delta[v] -= value[in_list[k]];
      /* Inside a component every node has both; keep the general form. */
      if (outdeg[v] == 0)
        g_array_append_val (sinks, v);
      else if (indeg[v] == 0)
        g_array_append_val (sources, v);
      else
        heap_push (heap, (HeapEntry) { delta[v], v, 0 });
    }
  right = n_active;

  while (n_active > 0)
    {
      guint u = NONE;
      gboolean to_front = TRUE;

      while (u == NONE && sinks->len > 0)
        {
          guint v = g_array_index (sinks, guint, sinks->len - 1);

          g_array_set_size (sinks, sinks->len - 1);
          if (active[v])
            u = v, to_front = FALSE;
        }
      while (u == NONE && sources->len > 0)
        {
          guint v = g_array_index (sources, guint, sources->len - 1);

          g_array_set_size (sources, sources->len - 1);
          if (active[v])
            u = v;
        }
      while (u == NONE && heap->len > 0)
        {
          HeapEntry e = heap_pop (heap);

          if (active[e.v] && e.version == version[e.v])
            u = e.v;
        }
      g_assert (u != NONE);

      active[u] = FALSE;
      order[u] = to_front ? left++ : --right;
      n_active--;

      for (guint k = in_start[u]; k < in_start[u + 1]; k++)
        {
          guint e = in_list[k], p = g->src[e];

          if (!active[p])
            continue;
          outdeg[p]--;
          delta[p] -= value[e];
          version[p]++;
          if (outdeg[p] == 0)
            g_array_append_val (sinks, p);
          else if (indeg[p] > 0)
            heap_push (heap, (HeapEntry) { delta[p], p, version[p] });
        }
      for (guint k = out_start[u]; k < out_start[u + 1]; k++)
        {
          guint e = out_list[k], q = g->dst[e];

          if (!active[q])
            continue;
          indeg[q]--;
          delta[q] += value[e];
          version[q]++;
          if (indeg[q] == 0)
            {
              if (outdeg[q] > 0)
                g_array_append_val (sources, q);
              else
                g_array_append_val (sinks, q);
            }
          else if (outdeg[q] > 0)
            heap_push (heap, (HeapEntry) { delta[q], q, version[q] });
        }
    }

  for (guint e = 0; e < g->m; e++)
    if (intra[e] && order[g->src[e]] > order[g->dst[e]])
      feedback[e] = TRUE;
}

/* ---------------------------------------------------------------- *
 * Crossing counting (Fenwick tree over the right ends)
 * ---------------------------------------------------------------- */

typedef struct
{
  guint   n;
  double *w;
  guint  *c;
} Fenwick;

static void
fenwick_reset (Fenwick *f,
               guint    n)
{
  f->n = n;
  memset (f->w, 0, sizeof (double) * (n + 1));
  memset (f->c, 0, sizeof (guint) * (n + 1));
}

static void
fenwick_add (Fenwick *f,
             guint    i,
             double   w)
{
  for (i++; i <= f->n; i += i & -i)
    f->w[i] += w, f->c[i]++;
}

static void
fenwick_prefix (const Fenwick *f,
                guint          i,        /* sum over 0..i inclusive */
                double        *w,
                guint         *c)
{
  double sw = 0;
  guint sc = 0;

  for (i++; i > 0; i -= i & -i)
    sw += f->w[i], sc += f->c[i];
  *w = sw;
  *c = sc;
}

typedef struct
{
  guint  a;        /* left rank */
  guint  b;        /* right rank */
  double w;
} Pair;

/* Counts crossings among pairs (a, b) already sorted by (a, b). */
static void
count_sorted_pairs (const Pair *pairs,
                    guint       n,
                    Fenwick    *f,
                    guint       n_right,
                    double     *weighted,
                    guint64    *crossings)
{
  double total_w = 0;
  guint total_c = 0;

  fenwick_reset (f, n_right);
  for (guint i = 0; i < n; i++)
    {
      double pw;
      guint pc;

      fenwick_prefix (f, pairs[i].b, &pw, &pc);
      *weighted += pairs[i].w * (total_w - pw);
      *crossings += total_c - pc;
      fenwick_add (f, pairs[i].b, pairs[i].w);
      total_w += pairs[i].w;
      total_c++;
    }
}

typedef struct
{
  const WflSankeyCrossingSegment *s;
  guint index;
} SegRef;

static int
compare_segment_left (gconstpointer a,
                      gconstpointer b)
{
  const WflSankeyCrossingSegment *x = ((const SegRef *) a)->s, *y = ((const SegRef *) b)->s;

  if (x->gap != y->gap)
    return x->gap < y->gap ? -1 : 1;
  if (x->y_left != y->y_left)
    return x->y_left < y->y_left ? -1 : 1;
  if (x->y_right != y->y_right)
    return x->y_right < y->y_right ? -1 : 1;
  return 0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
wfl_sankey_count_crossings (const WflSankeyCrossingSegment *segments,
                            gsize                           n_segments,
                            double                         *weighted,
                            guint64                        *crossings)
{
  g_autofree SegRef *refs = g_new (SegRef, n_segments + 1);
  g_autofree Pair *pairs = g_new (Pair, n_segments + 1);
  g_autofree double *rights = g_new (double, n_segments + 1);
  Fenwick f;
  double w = 0;
  guint64 c = 0;
  gsize i = 0;

  f.w = g_new (double, n_segments + 2);
  f.c = g_new (guint, n_segments + 2);

  for (gsize k = 0; k < n_segments; k++)
    refs[k].s = &segments[k], refs[k].index = k;
  qsort (refs, n_segments, sizeof (SegRef), compare_segment_left);

  while (i < n_segments)
    {
      gsize j = i, n_rights = 0;

      while (j < n_segments && refs[j].s->gap == refs[i].s->gap)
        j++;
      for (gsize k = i; k < j; k++)
        rights[n_rights++] = refs[k].s->y_right;
      qsort (rights, n_rights, sizeof (double), compare_double);
      for (gsize k = i; k < j; k++)
        {
          /* Rank of y_right: the first equal value, so equal ends never
           * count as a crossing. */
          gsize lo = 0, hi = n_rights;

          while (lo < hi)
            {
              gsize mid = (lo + hi) / 2;

              if (rights[mid] < refs[k].s->y_right)
                lo = mid + 1;
              else
                hi = mid;
            }
          pairs[k - i].a = k - i;
          pairs[k - i].b = lo;
          pairs[k - i].w = refs[k].s->weight;
        }
      /* Equal left ends with equal rights: fine; ties on the left end are
       * sorted by the right end, so they do not count. */
      count_sorted_pairs (pairs, j - i, &f, n_rights, &w, &c);
      i = j;
    }

  g_free (f.w);
  g_free (f.c);
  if (weighted)
    *weighted = w;
  if (crossings)
    *crossings = c;
}

/* ---------------------------------------------------------------- *
 * The build
 * ---------------------------------------------------------------- */

typedef struct
{
  WflSankeyLayout *layout;
  const WflSankeyGraph *graph;
  guint   n, m;
  guint  *src, *dst;
  double *value;
  guint  *layer;
  gboolean *feedback;
  gboolean *is_loop;
  guint  *link_first_seg;
  guint  *link_n_segs;

  GArray *items;           /* of Item, while building */
  GArray *segs;            /* of Seg, while building */

  /* CSR of segs per item */
  guint  *in_start, *in_list;     /* segs whose right end is the item */
  guint  *out_start, *out_list;   /* segs whose left end is the item */

  /* crossing counting scratch */
  Pair   *pairs;
  guint  *scratch;
  guint  *bucket;
  Fenwick fenwick;

  guint  *best_order;
  guint64 work;
} Build;

static void
assign_columns (Build *b)
{
  const WflSankeyGraph *graph = b->graph;
  g_autofree guint *start = NULL, *list = NULL;     /* DAG out-edges */
  g_autofree guint *from = g_new (guint, b->m + 1);
  g_autofree guint *to = g_new (guint, b->m + 1);
  g_autofree gboolean *keep = g_new0 (gboolean, b->m + 1);
  g_autofree guint *indeg = g_new0 (guint, b->n + 1);
  g_autofree guint *topo = g_new (guint, b->n + 1);
  g_autofree gboolean *has_in = g_new0 (gboolean, b->n + 1);
  g_autofree double *in_w = g_new0 (double, b->n + 1);
  g_autofree double *out_w = g_new0 (double, b->n + 1);
  guint head = 0, tail = 0, max_layer = 0;
  Edges edges = { b->n, b->m, b->src, b->dst };

  find_feedback (&edges, b->value, b->feedback);

  for (guint e = 0; e < b->m; e++)
    {
      keep[e] = b->src[e] != b->dst[e];
      from[e] = b->feedback[e] ? b->dst[e] : b->src[e];
      to[e] = b->feedback[e] ? b->src[e] : b->dst[e];
      if (keep[e])
        indeg[to[e]]++;
    }
  build_csr (b->n, b->m, from, keep, &start, &list);

  for (guint v = 0; v < b->n; v++)
    {
      b->layer[v] = 0;
      if (indeg[v] == 0)
        topo[tail++] = v;
    }
  while (head < tail)
    {
      guint v = topo[head++];
      const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);

      if (node->column >= 0)
        b->layer[v] = node->column;
      max_layer = MAX (max_layer, b->layer[v]);
      for (guint k = start[v]; k < start[v + 1]; k++)
        {
          guint w = to[list[k]];

          has_in[w] = TRUE;
          b->layer[w] = MAX (b->layer[w], b->layer[v] + 1);
          if (--indeg[w] == 0)
            topo[tail++] = w;
        }
    }
  g_assert (tail == b->n);   /* the feedback links broke every cycle */

  /* Sinks to the last column. */
  for (guint v = 0; v < b->n; v++)
    if (start[v] == start[v + 1] && has_in[v] &&
        wfl_sankey_graph_get_node (graph, v)->column < 0)
      b->layer[v] = max_layer;

  /* Nodes that send more than they receive move right, up to their
   * nearest successor, so that their (thinner) inputs get long. */
  for (guint e = 0; e < b->m; e++)
    if (keep[e])
      {
        out_w[from[e]] += b->value[e];
        in_w[to[e]] += b->value[e];
      }
  for (guint k = b->n; k-- > 0;)
    {
      guint v = topo[k], nearest = NONE;

      if (!has_in[v] || start[v] == start[v + 1] || out_w[v] <= in_w[v] ||
          wfl_sankey_graph_get_node (graph, v)->column >= 0)
        continue;
      for (guint j = start[v]; j < start[v + 1]; j++)
        nearest = MIN (nearest, b->layer[to[list[j]]]);
      if (nearest != NONE && nearest > b->layer[v] + 1)
        b->layer[v] = nearest - 1;
    }
}

static guint
add_item (Build *b,
          guint  node,
          guint  link,
          guint  column,
          double value,
          double pin)
{
  Item item = { node, link, column, 0, value, pin, 0, 0 };

  g_array_append_val (b->items, item);
  return b->items->len - 1;
}

static void
add_seg (Build *b,
         guint  left,
         guint  right,
         guint  link)
{
  Seg seg = { left, right, link, b->value[link], 0, 0 };

  g_array_append_val (b->segs, seg);
}

static void
build_proper_graph (Build      *b,
                    const double *node_value)
{
  WflSankeyLayout *self = b->layout;

  for (guint v = 0; v < b->n; v++)
    add_item (b, v, NONE, b->layer[v], node_value[v], wfl_sankey_graph_get_node (b->graph, v)->position);

  for (guint l = 0; l < b->m; l++)
    {
      guint s = b->src[l], t = b->dst[l], prev = s;

      b->link_first_seg[l] = b->segs->len;
      if (s == t || b->layer[t] <= b->layer[s])
        {
          b->is_loop[l] = TRUE;
          b->link_n_segs[l] = 0;
          continue;
        }
      for (guint c = b->layer[s] + 1; c < b->layer[t]; c++)
        {
          guint d = add_item (b, NONE, l, c, b->value[l], NAN);

          add_seg (b, prev, d, l);
          prev = d;
        }
      add_seg (b, prev, t, l);
      b->link_n_segs[l] = b->segs->len - b->link_first_seg[l];
    }

  self->n_items = b->items->len;
  self->items = (Item *) g_array_free (g_steal_pointer (&b->items), FALSE);
  self->n_segs = b->segs->len;
  self->segs = (Seg *) g_array_free (g_steal_pointer (&b->segs), FALSE);

  /* CSR adjacency of items. */
  {
    g_autofree guint *lefts = g_new (guint, self->n_segs + 1);
    g_autofree guint *rights = g_new (guint, self->n_segs + 1);

    for (guint s = 0; s < self->n_segs; s++)
      lefts[s] = self->segs[s].left, rights[s] = self->segs[s].right;
    build_csr (self->n_items, self->n_segs, lefts, NULL, &b->out_start, &b->out_list);
    build_csr (self->n_items, self->n_segs, rights, NULL, &b->in_start, &b->in_list);
  }

  /* Columns, first in item order. */
  self->col_start = g_new0 (guint, self->n_columns + 1);
  self->col_items = g_new (guint, self->n_items + 1);
  for (guint i = 0; i < self->n_items; i++)
    self->col_start[self->items[i].column + 1]++;
  for (guint c = 0; c < self->n_columns; c++)
    self->col_start[c + 1] += self->col_start[c];
  {
    g_autofree guint *fill = g_memdup2 (self->col_start, sizeof (guint) * (self->n_columns + 1));

    for (guint i = 0; i < self->n_items; i++)
      {
        self->items[i].pos = fill[self->items[i].column] - self->col_start[self->items[i].column];
        self->col_items[fill[self->items[i].column]++] = i;
      }
  }

  /* Segs by gap. */
  self->gap_start = g_new0 (guint, self->n_columns + 1);
  self->gap_segs = g_new (guint, self->n_segs + 1);
  for (guint s = 0; s < self->n_segs; s++)
    self->gap_start[self->items[self->segs[s].left].column + 1]++;
  for (guint c = 0; c < self->n_columns; c++)
    self->gap_start[c + 1] += self->gap_start[c];
  {
    g_autofree guint *fill = g_memdup2 (self->gap_start, sizeof (guint) * (self->n_columns + 1));

    for (guint s = 0; s < self->n_segs; s++)
      self->gap_segs[fill[self->items[self->segs[s].left].column]++] = s;
  }
}

/* ---------------------------------------------------------------- *
 * 4. Order within columns
 * ---------------------------------------------------------------- */

/* Weighted and plain crossings of the current order, all gaps.  Linear
 * counting sorts by (left pos, right pos), then a Fenwick sweep. */
static void
count_order (Build   *b,
             double  *weighted,
             guint64 *crossings)
{
  WflSankeyLayout *self = b->layout;
  double w = 0;
  guint64 c = 0;

  for (guint g = 0; g + 1 < self->n_columns; g++)
    {
      guint s0 = self->gap_start[g], s1 = self->gap_start[g + 1], n = s1 - s0;
      guint n_left = self->col_start[g + 1] - self->col_start[g];
      guint n_right = self->col_start[g + 2] - self->col_start[g + 1];
      guint *count = b->bucket;

      if (n < 2)
        continue;
      b->work += n;

      /* Counting sort by right pos, then stable by left pos. */
      memset (count, 0, sizeof (guint) * (n_right + 1));
      for (guint k = s0; k < s1; k++)
        count[self->items[self->segs[self->gap_segs[k]].right].pos + 1]++;
      for (guint r = 0; r < n_right; r++)
        count[r + 1] += count[r];
      for (guint k = s0; k < s1; k++)
        b->scratch[count[self->items[self->segs[self->gap_segs[k]].right].pos]++] = self->gap_segs[k];

      memset (count, 0, sizeof (guint) * (n_left + 1));
      for (guint k = 0; k < n; k++)
        count[self->items[self->segs[b->scratch[k]].left].pos + 1]++;
      for (guint r = 0; r < n_left; r++)
        count[r + 1] += count[r];
      for (guint k = 0; k < n; k++)
        {
          const Seg *seg = &self->segs[b->scratch[k]];
          guint at = count[self->items[seg->left].pos]++;

          b->pairs[at].a = self->items[seg->left].pos;
          b->pairs[at].b = self->items[seg->right].pos;
          b->pairs[at].w = seg->w;
        }
      count_sorted_pairs (b->pairs, n, &b->fenwick, n_right, &w, &c);
    }
  *weighted = w;
  *crossings = c;
}

typedef struct
{
  double key;
  guint  pos;
  guint  item;
} SortKey;

static int
compare_sort_key (gconstpointer a,
                  gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static void
sort_column (Build  *b,
             guint   c,
             SortKey *keys)
{
  WflSankeyLayout *self = b->layout;
  guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;

  qsort (keys, n, sizeof (SortKey), compare_sort_key);
  for (guint k = 0; k < n; k++)
    {
      self->col_items[c0 + k] = keys[k].item;
      self->items[keys[k].item].pos = k;
    }
}

/* Where each band of column ref meets its items, in value units: items
 * stacked in their current order with a padding, bands leaving (or
 * entering) each item sorted by their other end's current position. */
static double
port_positions (Build    *b,
                guint     ref,
                gboolean  right_side,
                double   *port,
                SortKey  *keys)
{
  WflSankeyLayout *self = b->layout;
  guint r0 = self->col_start[ref], n = self->col_start[ref + 1] - r0;
  const guint *start = right_side ? b->out_start : b->in_start;
  const guint *list = right_side ? b->out_list : b->in_list;
  double total = 0, pad, cursor = 0;

  for (guint k = 0; k < n; k++)
    total += self->items[self->col_items[r0 + k]].value;
  pad = n > 0 ? 0.5 * total / n : 0;
  if (pad <= 0)
    pad = 1;

  for (guint k = 0; k < n; k++)
    {
      guint i = self->col_items[r0 + k];
      const Item *item = &self->items[i];
      guint d = start[i + 1] - start[i];
      double sum = 0, off;

      for (guint j = 0; j < d; j++)
        {
          const Seg *seg = &self->segs[list[start[i] + j]];

          keys[j].key = self->items[right_side ? seg->right : seg->left].pos;
          keys[j].pos = seg->link;
          keys[j].item = list[start[i] + j];
          sum += seg->w;
        }
      if (d > 1)
        qsort (keys, d, sizeof (SortKey), compare_sort_key);
      off = cursor + MAX (0, item->value - sum) / 2;
      for (guint j = 0; j < d; j++)
        {
          double w = self->segs[keys[j].item].w;

          port[keys[j].item] = off + w / 2;
          off += w;
        }
      b->work += d + 1;
      cursor += item->value + pad;
    }
  return MAX (cursor - pad, 1e-9);
}

/* One barycentre sweep: down orders column c by where its bands leave the
 * column before it, up by where they enter the column after it, both
 * weighted by value (the port-aware barycentre of a Sankey). */
static void
sweep (Build    *b,
       gboolean  down,
       SortKey  *keys,
       SortKey  *port_keys,
       double   *port)
{
  WflSankeyLayout *self = b->layout;
  guint nc = self->n_columns;

  for (guint step = 1; step < nc; step++)
    {
      guint c = down ? step : nc - 1 - step;
      guint ref = down ? c - 1 : c + 1;
      guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
      const guint *start = down ? b->in_start : b->out_start;
      const guint *list = down ? b->in_list : b->out_list;
      double extent = port_positions (b, ref, down, port, port_keys);
      double own_total = 0, own_cursor = 0;

      for (guint k = 0; k < n; k++)
        own_total += self->items[self->col_items[c0 + k]].value;

      for (guint k = 0; k < n; k++)
        {
          guint i = self->col_items[c0 + k];
          const Item *item = &self->items[i];
          double sw = 0, swp = 0, sp = 0;
          guint cnt = 0;

          for (guint j = start[i]; j < start[i + 1]; j++)
            {
              const Seg *seg = &self->segs[list[j]];
              double p = port[list[j]];

              sw += seg->w;
              swp += seg->w * p;
              sp += p;
              cnt++;
            }
          b->work += cnt + 1;
          keys[k].item = i;
          keys[k].pos = k;
          if (!isnan (item->pin))
            keys[k].key = item->pin * extent;
          else if (sw > 0)
            keys[k].key = swp / sw;
          else if (cnt > 0)
            keys[k].key = sp / cnt;
          else
            /* No neighbours on this side: keep the relative place. */
            keys[k].key = own_total > 0 ? (own_cursor + item->value / 2) / own_total * extent
                                        : (n > 1 ? (double) k / (n - 1) * extent : 0);
          own_cursor += item->value;
        }
      sort_column (b, c, keys);
    }
}

static gboolean
better (double   w1,
        guint64  c1,
        double   w0,
        guint64  c0)
{
  double eps = 1e-9 * MAX (fabs (w0), 1e-300);

  if (w1 < w0 - eps)
    return TRUE;
  if (w1 > w0 + eps)
    return FALSE;
  return c1 < c0;
}

typedef struct
{
  guint  pos;
  double w;
} Neighbour;

static int
compare_neighbour (gconstpointer a,
                   gconstpointer b)
{
  const Neighbour *x = a, *y = b;

  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Crossings between the edges of u and of v (sorted neighbour positions)
 * when u is above v: pairs with a(u) > b(v). */
static void
pair_crossings (const Neighbour *a,
                guint            na,
                const Neighbour *bb,
                guint            nb,
                double          *uv_w,
                guint64         *uv_c,
                double          *vu_w,
                guint64         *vu_c)
{
  double below_w = 0;
  guint below_c = 0, j = 0;

  /* u above v: count b with pos < a.pos. */
  for (guint i = 0; i < na; i++)
    {
      while (j < nb && bb[j].pos < a[i].pos)
        below_w += bb[j].w, below_c++, j++;
      *uv_w += a[i].w * below_w;
      *uv_c += below_c;
    }
  below_w = 0;
  below_c = 0;
  j = 0;
  /* v above u: count a with pos < b.pos. */
  for (guint i = 0; i < nb; i++)
    {
      while (j < na && a[j].pos < bb[i].pos)
        below_w += a[j].w, below_c++, j++;
      *vu_w += bb[i].w * below_w;
      *vu_c += below_c;
    }
}

static int
compare_by_value_desc (gconstpointer a,
                       gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Sorted neighbour positions (left side, then right side) of every item
 * of column c, in column order; nb_left[k]..nb_right[k] is the left side
 * of the k-th item, nb_right[k]..nb_left[k + 1] its right side. */
static void
column_neighbours (Build     *b,
                   guint      c,
                   Neighbour *nb,
                   guint     *nb_left,
                   guint     *nb_right)
{
  WflSankeyLayout *self = b->layout;
  guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
  guint fill = 0;

  for (guint k = 0; k < n; k++)
    {
      guint i = self->col_items[c0 + k];

      nb_left[k] = fill;
      for (guint j = b->in_start[i]; j < b->in_start[i + 1]; j++)
        {
          const Seg *seg = &self->segs[b->in_list[j]];

          nb[fill].pos = self->items[seg->left].pos;
          nb[fill++].w = seg->w;
        }
      qsort (nb + nb_left[k], fill - nb_left[k], sizeof (Neighbour), compare_neighbour);
      nb_right[k] = fill;
      for (guint j = b->out_start[i]; j < b->out_start[i + 1]; j++)
        {
          const Seg *seg = &self->segs[b->out_list[j]];

          nb[fill].pos = self->items[seg->right].pos;
          nb[fill++].w = seg->w;
        }
      qsort (nb + nb_right[k], fill - nb_right[k], sizeof (Neighbour), compare_neighbour);
    }
  nb_left[n] = fill;
  b->work += fill + n;
}

/* Crossings between the bands of the items in slots su and sv, with su
 * above sv (uv) and below it (vu). */
static void
slot_crossings (const Neighbour *nb,
                const guint     *nb_left,
                const guint     *nb_right,
                guint            su,
                guint            sv,
                double          *uv_w,
                guint64         *uv_c,
                double          *vu_w,
                guint64         *vu_c)
{
  *uv_w = *vu_w = 0;
  *uv_c = *vu_c = 0;
  pair_crossings (nb + nb_left[su], nb_right[su] - nb_left[su],
                  nb + nb_left[sv], nb_right[sv] - nb_left[sv],
                  uv_w, uv_c, vu_w, vu_c);
  pair_crossings (nb + nb_right[su], nb_left[su + 1] - nb_right[su],
                  nb + nb_right[sv], nb_left[sv + 1] - nb_right[sv],
                  uv_w, uv_c, vu_w, vu_c);
}

#define SIFT_MAX_COLUMN 3000

/* Sifting: each item, largest first, moves to the place in its column
 * where its bands cross the least (weighted, then plain). */
static gboolean
sift (Build     *b,
      Neighbour *nb,
      guint     *nb_left,
      guint     *nb_right,
      guint64    budget)
{
  WflSankeyLayout *self = b->layout;
  gboolean any = FALSE;

  for (guint c = 0; c < self->n_columns && b->work < budget; c++)
    {
      guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
      g_autofree guint *slot = NULL, *item_of = NULL, *by_value = NULL;
      g_autofree double *uv_w = NULL, *vu_w = NULL;
      g_autofree guint64 *uv_c = NULL, *vu_c = NULL;
      g_autofree SortKey *keys = NULL;

      if (n < 3 || n > SIFT_MAX_COLUMN)
        continue;

      column_neighbours (b, c, nb, nb_left, nb_right);
      slot = g_new (guint, n);
      item_of = g_new (guint, n);
      keys = g_new (SortKey, n);
      uv_w = g_new (double, n);
      vu_w = g_new (double, n);
      uv_c = g_new (guint64, n);
      vu_c = g_new (guint64, n);
      for (guint k = 0; k < n; k++)
        {
          slot[k] = k;
          item_of[k] = self->col_items[c0 + k];
          keys[k].key = self->items[item_of[k]].value;
          keys[k].pos = k;
          keys[k].item = k;
        }
      qsort (keys, n, sizeof (SortKey), compare_by_value_desc);

      for (guint q = 0; q < n && b->work < budget; q++)
        {
          guint su = keys[q].item, at = 0, best_p, m = 0;
          double cur_w = 0, best_w;
          guint64 cur_c = 0, best_c;

          if (!isnan (self->items[item_of[su]].pin))
            continue;
          while (slot[at] != su)
            at++;
          /* The others in order, without su. */
          memmove (slot + at, slot + at + 1, sizeof (guint) * (n - 1 - at));
          for (guint k = 0; k + 1 < n; k++)
            {
              slot_crossings (nb, nb_left, nb_right, su, slot[k], &uv_w[k], &uv_c[k], &vu_w[k], &vu_c[k]);
              /* Placed at 0: above everything. */
              cur_w += uv_w[k];
              cur_c += uv_c[k];
              m += nb_left[slot[k] + 1] - nb_left[slot[k]];
            }
          b->work += m + n * (nb_left[su + 1] - nb_left[su] + 1);
          best_w = cur_w;
          best_c = cur_c;
          best_p = 0;
          {
            /* Staying put wins ties. */
            double at_w = cur_w;
            guint64 at_c = cur_c;

            for (guint p = 1; p < n; p++)
              {
                cur_w += vu_w[p - 1] - uv_w[p - 1];
                cur_c += vu_c[p - 1] - uv_c[p - 1];
                if (p == at)
                  at_w = cur_w, at_c = cur_c;
                if (better (cur_w, cur_c, best_w, best_c))
                  best_w = cur_w, best_c = cur_c, best_p = p;
              }
            if (!better (best_w, best_c, at_w, at_c))
              best_p = at;
          }
          memmove (slot + best_p + 1, slot + best_p, sizeof (guint) * (n - 1 - best_p));
          slot[best_p] = su;
          if (best_p != at)
            {
              any = TRUE;
              /* Neighbour lists hold positions in the other columns, which
               * do not move; only this column's order changes. */
              for (guint k = 0; k < n; k++)
                {
                  self->col_items[c0 + k] = item_of[slot[k]];
                  self->items[item_of[slot[k]]].pos = k;
                }
            }
        }
    }
  return any;
}

static gboolean
adjacent_exchange (Build     *b,
                   Neighbour *nb,
                   guint     *nb_start_left,
                   guint     *nb_start_right,
                   guint64    budget)
{
  WflSankeyLayout *self = b->layout;
  gboolean any = FALSE;

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;

      if (n < 2)
        continue;

      column_neighbours (b, c, nb, nb_start_left, nb_start_right);

      /* Bubble passes over adjacent pairs; the neighbour lists travel
       * with their items through an index permutation. */
      {
        g_autofree guint *slot = g_new (guint, n);
        gboolean swapped = TRUE;

        for (guint k = 0; k < n; k++)
          slot[k] = k;
        for (guint pass = 0; pass < 4 && swapped && b->work < budget; pass++)
          {
            swapped = FALSE;
            for (guint k = 0; k + 1 < n; k++)
              {
                guint su = slot[k], sv = slot[k + 1];
                guint iu = self->col_items[c0 + k], iv = self->col_items[c0 + k + 1];
                double uv_w = 0, vu_w = 0;
                guint64 uv_c = 0, vu_c = 0;

                if (!isnan (self->items[iu].pin) && !isnan (self->items[iv].pin))
                  continue;
                pair_crossings (nb + nb_start_left[su], nb_start_right[su] - nb_start_left[su],
                                nb + nb_start_left[sv], nb_start_right[sv] - nb_start_left[sv],
                                &uv_w, &uv_c, &vu_w, &vu_c);
                pair_crossings (nb + nb_start_right[su], nb_start_left[su + 1] - nb_start_right[su],
                                nb + nb_start_right[sv], nb_start_left[sv + 1] - nb_start_right[sv],
                                &uv_w, &uv_c, &vu_w, &vu_c);
                b->work += nb_start_left[su + 1] - nb_start_left[su] + nb_start_left[sv + 1] - nb_start_left[sv];
                if (better (vu_w, vu_c, uv_w, uv_c))
                  {
                    self->col_items[c0 + k] = iv;
                    self->col_items[c0 + k + 1] = iu;
                    self->items[iv].pos = k;
                    self->items[iu].pos = k + 1;
                    slot[k] = sv;
                    slot[k + 1] = su;
                    swapped = any = TRUE;
                  }
              }
          }
      }
    }
  return any;
}

static void
sync_positions (WflSankeyLayout *self)
{
  for (guint col = 0; col < self->n_columns; col++)
    for (guint k = self->col_start[col]; k < self->col_start[col + 1]; k++)
      self->items[self->col_items[k]].pos = k - self->col_start[col];
}

typedef struct
{
  SortKey   *keys;
  SortKey   *port_keys;
  double    *port;
  guint     *best;
  Neighbour *nb;
  guint     *nb_left;
  guint     *nb_right;
} OrderScratch;

/* From the current order: sweeps (keeping the best order seen), then
 * sifting and adjacent exchange until nothing improves or the work
 * budget is spent. */
static void
improve_order (Build        *b,
               OrderScratch *o,
               guint64       budget,
               double       *out_w,
               guint64      *out_c)
{
  WflSankeyLayout *self = b->layout;
  double best_w, w;
  guint64 best_c, c;
  guint stale = 0;
  guint64 sweep_budget = b->work + (budget - MIN (budget, b->work)) / 2;

  /* The first sweep down places every column after the first. */
  sweep (b, TRUE, o->keys, o->port_keys, o->port);
  count_order (b, &best_w, &best_c);
  memcpy (o->best, self->col_items, sizeof (guint) * self->n_items);

  for (guint it = 0; it < 24 && stale < 3 && b->work < sweep_budget && best_c > 0; it++)
    {
      gboolean improved = FALSE;

      for (int dir = 0; dir < 2; dir++)
        {
          sweep (b, dir == 1, o->keys, o->port_keys, o->port);
          count_order (b, &w, &c);
          if (better (w, c, best_w, best_c))
            {
              best_w = w;
              best_c = c;
              memcpy (o->best, self->col_items, sizeof (guint) * self->n_items);
              improved = TRUE;
            }
        }
      stale = improved ? 0 : stale + 1;
    }

  memcpy (self->col_items, o->best, sizeof (guint) * self->n_items);
  sync_positions (self);

  for (guint pass = 0; pass < 6 && best_c > 0 && b->work < budget; pass++)
    {
      gboolean moved = sift (b, o->nb, o->nb_left, o->nb_right, budget);

      moved |= adjacent_exchange (b, o->nb, o->nb_left, o->nb_right, budget);

      if (!moved)
        break;
    }
  count_order (b, out_w, out_c);
}

#define MAX_STARTS 64

/* Several starts while the budget lasts (small graphs get many, huge
 * ones one): the given order, its mirror, then seeded shuffles. */
static void
order_columns (Build *b)
{
  WflSankeyLayout *self = b->layout;
  OrderScratch o;
  g_autofree guint *global = g_new (guint, self->n_items + 1);
  g_autofree guint *initial = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20230704);
  double best_w = G_MAXDOUBLE, w;
  guint64 best_c = G_MAXUINT64, c;
  guint64 size = self->n_segs + self->n_items + 1;
  /* Small graphs (the energy example is ~500) can afford many starts. */
  guint64 budget = MAX (size <= 4096 ? G_GUINT64_CONSTANT (12000000) : G_GUINT64_CONSTANT (3000000), 24 * size);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  double result_w[MAX_STARTS];
  guint64 result_c[MAX_STARTS];
  guint n_results = 0;

  if (self->n_columns < 2)
    return;

  o.keys = g_new (SortKey, self->n_items + 1);
  o.port_keys = g_new (SortKey, self->n_segs + 1);
  o.port = g_new (double, self->n_segs + 1);
  o.best = g_new (guint, self->n_items + 1);
  o.nb = g_new (Neighbour, 2 * self->n_segs + 1);
  o.nb_left = g_new (guint, self->n_items + 2);
  o.nb_right = g_new (guint, self->n_items + 2);
  initial = g_memdup2 (self->col_items, sizeof (guint) * self->n_items);

  b->work = 0;
  for (guint start = 0; start < MAX_STARTS && (start == 0 || b->work < budget / 3) && best_c > 0; start++)
    {
      memcpy (self->col_items, initial, sizeof (guint) * self->n_items);
      for (guint col = 0; col < self->n_columns; col++)
        {
          guint c0 = self->col_start[col], n = self->col_start[col + 1] - c0;

          for (guint k = 0; k < n && start > 0; k++)
            {
              guint other = start == 1 ? n - 1 - k : (guint) g_rand_int_range (rand, k, n);

              if (start == 1 && other <= k)
                break;
              {
                guint t = self->col_items[c0 + k];

                self->col_items[c0 + k] = self->col_items[c0 + other];
                self->col_items[c0 + other] = t;
              }
            }
        }
      sync_positions (self);
      improve_order (b, &o, start == 0 ? budget : budget / 2, &w, &c);
      g_debug ("order: start %u → %" G_GUINT64_FORMAT " crossings, weighted %g; %" G_GUINT64_FORMAT " work",
               start, c, w, b->work);
      result_w[n_results] = w;
      result_c[n_results] = c;
      g_ptr_array_add (results, g_memdup2 (self->col_items, sizeof (guint) * self->n_items));
      n_results++;
      if (better (w, c, best_w, best_c))
        {
          best_w = w;
          best_c = c;
        }
    }

  /* Both counts matter: of the starts' results, the one whose weighted
   * and plain crossings, each relative to the least any start reached,
   * add up to the least (ties: the lower weighted). */
  {
    double least_w = G_MAXDOUBLE, best_score = G_MAXDOUBLE;
    guint64 least_c = G_MAXUINT64;
    guint pick = 0;

    for (guint k = 0; k < n_results; k++)
      {
        least_w = MIN (least_w, result_w[k]);
        least_c = MIN (least_c, result_c[k]);
      }
    for (guint k = 0; k < n_results; k++)
      {
        double score = (least_w > 0 ? result_w[k] / least_w : 1) +
                       (least_c > 0 ? (double) result_c[k] / least_c : result_c[k] > 0);

        if (score < best_score - 1e-12 ||
            (fabs (score - best_score) <= 1e-12 && better (result_w[k], result_c[k], result_w[pick], result_c[pick])))
          {
            best_score = score;
            pick = k;
          }
      }
    memcpy (global, g_ptr_array_index (results, pick), sizeof (guint) * self->n_items);
  }

  memcpy (self->col_items, global, sizeof (guint) * self->n_items);
  sync_positions (self);

  /* Vertical pins win over crossings: a node pinned at 0 comes first, at
   * 1 last, others in proportion among the free nodes. */
  for (guint col = 0; col < self->n_columns; col++)
    {
      guint c0 = self->col_start[col], n = self->col_start[col + 1] - c0;
      gboolean pinned = FALSE;

      for (guint k = 0; k < n; k++)
        {
          const Item *item = &self->items[self->col_items[c0 + k]];

          o.keys[k].item = self->col_items[c0 + k];
          o.keys[k].pos = k;
          o.keys[k].key = isnan (item->pin) ? k : CLAMP (item->pin, 0, 1) * (n - 1) + (item->pin >= 0.5 ? 0.5 : -0.5);
          pinned |= !isnan (item->pin);
        }
      if (pinned)
        sort_column (b, col, o.keys);
    }

  g_free (o.keys);
  g_free (o.port_keys);
  g_free (o.port);
  g_free (o.best);
  g_free (o.nb);
  g_free (o.nb_left);
  g_free (o.nb_right);
}

/* ---------------------------------------------------------------- *
 * 5. Vertical positions
 * ---------------------------------------------------------------- */

/* Weighted isotonic regression with gaps and a box: minimises
 * Σ wᵢ (yᵢ − dᵢ)² subject to yᵢ₊₁ ≥ yᵢ + hᵢ + gᵢ and lo ≤ y, y + h ≤ hi. */
static void
place_column (guint         n,
              const double *desired,
              const double *weight,
              const double *h,
              const double *gap,      /* gap[i] between i and i + 1 */
              double        lo,
              double        hi,
              double       *y,
              double       *scratch,  /* 3 n */
              guint        *bcount)   /* n */
{
  double *offset = scratch;
  double *bw = scratch + n, *bsum = scratch + 2 * n;
  guint nb = 0, k = 0;
  double total, zmax;

  if (n == 0)
    return;
  offset[0] = 0;
  for (guint i = 1; i < n; i++)
    offset[i] = offset[i - 1] + h[i - 1] + gap[i - 1];
  total = offset[n - 1] + h[n - 1];

  for (guint i = 0; i < n; i++)
    {
      bw[nb] = weight[i];
      bsum[nb] = weight[i] * (desired[i] - offset[i]);
      bcount[nb] = 1;
      nb++;
      while (nb > 1 && bsum[nb - 2] * bw[nb - 1] > bsum[nb - 1] * bw[nb - 2])
        {
          bw[nb - 2] += bw[nb - 1];
          bsum[nb - 2] += bsum[nb - 1];
          bcount[nb - 2] += bcount[nb - 1];
          nb--;
        }
    }

  zmax = hi - total;
  for (guint j = 0; j < nb; j++)
    {
      double z = bsum[j] / bw[j];

      z = MIN (z, zmax);
      z = MAX (z, lo);
      for (guint r = 0; r < bcount[j]; r++, k++)
        y[k] = z + offset[k];
    }
}

/* Port offsets: bands leave and enter sorted by the other end, loops at
 * the bottom; the smaller side of a node is centred. */
static void
assign_ports (Build  *b,
              double  ky,
              double *loop_out_off,
              double *loop_in_off,
              const guint *loop_rank)
{
  WflSankeyLayout *self = b->layout;
  g_autofree SortKey *keys = g_new (SortKey, MAX (self->n_segs, b->m) + 1);
  g_autofree GPtrArray **loops_out = g_new0 (GPtrArray *, b->n + 1);
  g_autofree GPtrArray **loops_in = g_new0 (GPtrArray *, b->n + 1);

  for (guint l = 0; l < b->m; l++)
    if (b->is_loop[l])
      {
        if (loops_out[b->src[l]] == NULL)
          loops_out[b->src[l]] = g_ptr_array_new ();
        if (loops_in[b->dst[l]] == NULL)
          loops_in[b->dst[l]] = g_ptr_array_new ();
        g_ptr_array_add (loops_out[b->src[l]], GUINT_TO_POINTER (l));
        g_ptr_array_add (loops_in[b->dst[l]], GUINT_TO_POINTER (l));
      }

  for (guint i = 0; i < self->n_items; i++)
    {
      Item *item = &self->items[i];

      for (int side = 0; side < 2; side++)
        {
          const guint *start = side == 0 ? b->out_start : b->in_start;
          const guint *list = side == 0 ? b->out_list : b->in_list;
          GPtrArray *loops = item->node == NONE ? NULL : (side == 0 ? loops_out : loops_in)[item->node];
          guint n = 0;
          double total = 0, off;

          for (guint j = start[i]; j < start[i + 1]; j++)
            {
              const Seg *seg = &self->segs[list[j]];
              guint other = side == 0 ? seg->right : seg->left;

              keys[n].key = self->items[other].pos;
              keys[n].pos = seg->link;
              keys[n].item = list[j];
              total += seg->w * ky;
              n++;
            }
          qsort (keys, n, sizeof (SortKey), compare_sort_key);
          if (loops != NULL)
            for (guint j = 0; j < loops->len; j++)
              total += b->value[GPOINTER_TO_UINT (loops->pdata[j])] * ky;

          off = MAX (0, (item->h - total) / 2);
          for (guint j = 0; j < n; j++)
            {
              Seg *seg = &self->segs[keys[j].item];

              if (side == 0)
                seg->off_left = off;
              else
                seg->off_right = off;
              off += seg->w * ky;
            }
          if (loops != NULL)
            {
              /* Outer lanes (higher rank) on top. */
              for (guint j = 0; j < loops->len; j++)
                {
                  guint l = GPOINTER_TO_UINT (loops->pdata[j]);

                  keys[j].key = -(double) loop_rank[l];
                  keys[j].pos = l;
                  keys[j].item = l;
                }
              qsort (keys, loops->len, sizeof (SortKey), compare_sort_key);
              for (guint j = 0; j < loops->len; j++)
                {
                  guint l = keys[j].item;

                  (side == 0 ? loop_out_off : loop_in_off)[l] = off;
                  off += b->value[l] * ky;
                }
            }
        }
    }

  for (guint v = 0; v < b->n; v++)
    {
      g_clear_pointer (&loops_out[v], g_ptr_array_unref);
      g_clear_pointer (&loops_in[v], g_ptr_array_unref);
    }
}

static double
gap_factor (const Item *a,
            const Item *b)
{
  if (a->node != NONE && b->node != NONE)
    return 1.0;
  if (a->node != NONE || b->node != NONE)
    return 0.5;
  return 0.2;
}

static void
relax (Build  *b,
       double  padding,
       double  top,
       double  height,
       guint   iterations,
       double  pin_weight)
{
  WflSankeyLayout *self = b->layout;
  guint max_n = 0;
  g_autofree double *desired = NULL, *weight = NULL, *h = NULL, *gap = NULL, *y = NULL, *scratch = NULL;
  g_autofree guint *bcount = NULL;

  for (guint c = 0; c < self->n_columns; c++)
    max_n = MAX (max_n, self->col_start[c + 1] - self->col_start[c]);
  desired = g_new (double, max_n + 1);
  weight = g_new (double, max_n + 1);
  h = g_new (double, max_n + 1);
  gap = g_new (double, max_n + 1);
  y = g_new (double, max_n + 1);
  scratch = g_new (double, 3 * max_n + 3);
  bcount = g_new (guint, max_n + 1);

  for (guint it = 0; it < iterations; it++)
    {
      gboolean forward = it % 2 == 0;

      for (guint step = 0; step < self->n_columns; step++)
        {
          guint c = forward ? step : self->n_columns - 1 - step;
          guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;

          for (guint k = 0; k < n; k++)
            {
              guint i = self->col_items[c0 + k];
              const Item *item = &self->items[i];
              double sw = 0, sum = 0, su = 0;
              guint cnt = 0;

              for (guint j = b->in_start[i]; j < b->in_start[i + 1]; j++)
                {
                  const Seg *seg = &self->segs[b->in_list[j]];
                  double target = self->items[seg->left].y + seg->off_left - seg->off_right;

                  sw += seg->w;
                  sum += seg->w * target;
                  su += target;
                  cnt++;
                }
              for (guint j = b->out_start[i]; j < b->out_start[i + 1]; j++)
                {
                  const Seg *seg = &self->segs[b->out_list[j]];
                  double target = self->items[seg->right].y + seg->off_right - seg->off_left;

                  sw += seg->w;
                  sum += seg->w * target;
                  su += target;
                  cnt++;
                }

              h[k] = item->h;
              if (k + 1 < n)
                gap[k] = padding * gap_factor (item, &self->items[self->col_items[c0 + k + 1]]);
              if (!isnan (item->pin))
                {
                  desired[k] = top + CLAMP (item->pin, 0, 1) * MAX (0, height - top - item->h);
                  weight[k] = pin_weight;
                }
              else if (sw > 0)
                {
                  desired[k] = sum / sw;
                  weight[k] = sw;
                }
              else if (cnt > 0)
                {
                  desired[k] = su / cnt;
                  weight[k] = 1e-9 * pin_weight;
                }
              else
                {
                  desired[k] = item->y;
                  weight[k] = 1e-12 * pin_weight;
                }
            }
          b->work += n;
          place_column (n, desired, weight, h, gap, top, height, y, scratch, bcount);
          for (guint k = 0; k < n; k++)
            self->items[self->col_items[c0 + k]].y = y[k];
        }
    }
}

/* ---------------------------------------------------------------- *
 * 7. Labels
 *
 * The first and last columns' labels hang in margins sized to them (up
 * to MAX_LABEL_SHARE of the width each).  A column's labels form a
 * stack, moved apart vertically as little as possible (least squares
 * by pool-adjacent-violators) with a leader line to any node a label
 * had to leave, and hidden smallest first only when the stack cannot
 * fit the height.
 *
 * Interior labels are placed greedily, largest node first, over the
 * bands as far as no node and no label placed before is in the way.
 * Each tries in turn the name with its value (beside it or under it),
 * the name wrapped onto two lines above the value, the name alone, then
 * the name alone on two lines; each right, then left of the node and a
 * little up or down while it still touches the node; then above or
 * below a short node; then moved further with a leader line; and only
 * then the name cut with an ellipsis.  Collisions are tested against
 * the actual boxes: the chart is cut into vertical slabs (each column's
 * strip and each gap), each with the label boxes over it sorted by top.
 * Every step is capped (positions, attempts per column), so graphs of
 * thousands of nodes label their largest nodes and hide the rest.
 * ---------------------------------------------------------------- */

#define LABEL_VGAP 2.0          /* between labels, vertically */
#define LABEL_HGAP 6.0          /* between labels side by side */
#define LEADER_RUN 12.0         /* between a column and a stack with leader lines */
#define LABEL_EDGE 2.0          /* between an outer label and the chart's edge */
#define MARKER_ROOM 14.0        /* above a bottleneck node, for its marker */
#define SOFT_LABEL_SHARE 0.22   /* of the width: outer labels wider than this wrap */
#define MAX_LABEL_SHARE 0.28    /* of the width: at most this for either outer margin */
#define MIN_LABEL_CHARS 4       /* a cut name keeps at least this many characters */
#define TALL_LINES 1.5          /* an outer node this many lines tall gets its value under its name
                                 * (interior ones: two lines, to keep the gaps free) */

static const char *intern (WflSankeyLayout *self,
                           char            *text);
#define MAX_NEAR_STEPS 4        /* half-line steps up and down while touching the node */
#define MAX_LEADER_LINES 3.0    /* a moved label stays within this many lines */

typedef struct
{
  double   name_w;        /* the name on one line */
  double   value_w;
  double   wrap_w;        /* the wider line of the best split in two; 0 = none */
  guint    wrap_at;       /* byte offset of the space it splits at */
} LabelText;

typedef struct
{
  double   width;
  guint    lines;
  guint    name_lines;
  gboolean value;
  gboolean ellipsized;
  guint    wrap_at;       /* the space that becomes a line break; 0 = none */
} LabelForm;

typedef struct
{
  double top, bottom, x0, x1;
} LabelBox;

typedef struct
{
  WflSankeyLayout   *self;
  const TextMetrics *m;
  double             lh;
  double             max_box_h;
  guint              n_slabs;          /* 2 n_columns + 1 */
  GArray           **slabs;            /* of LabelBox, by top */
  guint             *col_node_start;   /* n_columns + 1 */
  guint             *col_nodes;        /* graph nodes by column, top to bottom */
  double             x_lo, x_hi;       /* interior labels stay in between */
} Labeler;

typedef struct
{
  guint     node;
  double    y0, y1;       /* the node's extent */
  double    value;
  LabelForm form;
  gboolean  shown;
  double    top;
} StackItem;

static void
measure_label (const TextMetrics *m,
               const char        *name,
               const char        *value_text,
               LabelText         *t)
{
  double best = G_MAXDOUBLE;
  gsize len = strlen (name);

  t->name_w = text_width (m, name) + 2;
  t->value_w = text_width (m, value_text) + 2;
  t->wrap_w = 0;
  t->wrap_at = 0;
  /* Short names stay on one line. */
  if (t->name_w < 12 * m->average)
    return;
  /* The most even split, a little less even before a parenthesis or
   * after a comma: "Name,\n(details)" reads better than "Name (de\ntails)". */
  for (gsize i = 1; i + 1 < len; i++)
    {
      double w, score;

      if (name[i] != ' ' || name[i + 1] == ' ')
        continue;
      w = MAX (text_width_len (m, name, (gssize) i), text_width_len (m, name + i + 1, (gssize) (len - i - 1))) + 2;
      score = w - (name[i + 1] == '(' ? 0.1 : name[i - 1] == ',' ? 0.05 : 0) * t->name_w;
      if (score < best)
        {
          best = score;
          t->wrap_at = (guint) i;
          t->wrap_w = w;
        }
    }
}

/* The ways to show a label without cutting it, best first: the name
 * with its value (beside or under the name, under the name wrapped onto
 * two lines), then the name alone (on one line, on two). */
static guint
label_forms (const LabelText   *t,
             const TextMetrics *m,
             gboolean           tall,
             LabelForm         *f)
{
  LabelForm two = { MAX (t->name_w, t->value_w), 2, 1, TRUE, FALSE, 0 };
  LabelForm one = { t->name_w + 2 * m->ascii[' '] + t->value_w, 1, 1, TRUE, FALSE, 0 };
  guint n = 0;

  f[n++] = tall ? two : one;
  f[n++] = tall ? one : two;
  if (t->wrap_at > 0)
    f[n++] = (LabelForm) { MAX (t->wrap_w, t->value_w), 3, 2, TRUE, FALSE, t->wrap_at };
  f[n++] = (LabelForm) { t->name_w, 1, 1, FALSE, FALSE, 0 };
  if (t->wrap_at > 0)
    f[n++] = (LabelForm) { t->wrap_w, 2, 2, FALSE, FALSE, t->wrap_at };
  return n;
}

static double
min_cut_width (const TextMetrics *m)
{
  return MIN_LABEL_CHARS * m->average + 2 * m->ascii['.'];
}

/* The name cut to room: on two lines when allowed and a first line
 * fits (as much of the name as fits, the rest cut), else on one. */
static gboolean
cut_form (const TextMetrics *m,
          const char        *name,
          const LabelText   *t,
          double             room,
          guint              max_name_lines,
          gboolean           value,
          LabelForm         *f)
{
  if (room < min_cut_width (m))
    return FALSE;
  *f = (LabelForm) { room, 1, 1, value, TRUE, 0 };
  if (max_name_lines >= 2 && t->wrap_at > 0)
    for (guint i = 1; name[i] != '\0'; i++)
      {
        if (name[i] != ' ')
          continue;
        if (text_width_len (m, name, i) + 2 > room)
          break;
        f->wrap_at = i;
        f->name_lines = 2;
      }
  f->lines = f->name_lines + (value ? 1 : 0);
  return TRUE;
}

/* Slab s: 2c + 1 is column c's strip, 2c its left gap (the margin for
 * c = 0), 2 n_columns the right margin. */
static guint
slab_of (const Labeler *L,
         double         x)
{
  const WflSankeyLayout *self = L->self;
  guint lo = 0, hi = self->n_columns;

  /* The number of columns starting at or left of x. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (self->col_x0[mid] <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return 0;
  return x < self->col_x0[lo - 1] + self->node_width ? 2 * (lo - 1) + 1 : 2 * lo;
}

static double
slab_x0 (const Labeler *L,
         guint          s)
{
  if (s == 0)
    return -G_MAXDOUBLE;
  return L->self->col_x0[(s - 1) / 2] + (s % 2 == 0 ? L->self->node_width : 0);
}

static double
slab_x1 (const Labeler *L,
         guint          s)
{
  if (s + 1 >= L->n_slabs)
    return G_MAXDOUBLE;
  return L->self->col_x0[s / 2] + (s % 2 == 1 ? L->self->node_width : 0);
}

/* The first box of a slab that may reach below top. */
static guint
slab_first (const Labeler *L,
            const GArray  *a,
            double         top)
{
  double from = top - L->max_box_h;
  guint lo = 0, hi = a->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (a, LabelBox, mid).top < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
labeler_add (Labeler *L,
             double   x0,
             double   x1,
             double   top,
             double   bottom)
{
  LabelBox box = { top, bottom, x0, x1 };
  guint last = slab_of (L, x1);

  for (guint s = slab_of (L, x0); s <= last; s++)
    {
      GArray *a = L->slabs[s];
      guint lo = 0, hi = a->len;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (a, LabelBox, mid).top < top)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_array_insert_val (a, lo, box);
    }
  L->max_box_h = MAX (L->max_box_h, bottom - top);
}

/* No label within the gaps of the box. */
static gboolean
labels_clear (const Labeler *L,
              double         x0,
              double         x1,
              double         top,
              double         bottom)
{
  guint last = slab_of (L, x1 + LABEL_HGAP);

  for (guint s = slab_of (L, x0 - LABEL_HGAP); s <= last; s++)
    {
      const GArray *a = L->slabs[s];

      for (guint i = slab_first (L, a, top - LABEL_VGAP); i < a->len; i++)
        {
          const LabelBox *box = &g_array_index (a, LabelBox, i);

          if (box->top >= bottom + LABEL_VGAP)
            break;
          if (box->bottom > top - LABEL_VGAP && box->x0 < x1 + LABEL_HGAP && box->x1 > x0 - LABEL_HGAP)
            return FALSE;
        }
    }
  return TRUE;
}

/* Whether a node of column c (or a bottleneck's marker above it) is
 * within [top, bottom]. */
static gboolean
column_blocked (const Labeler *L,
                guint          c,
                double         top,
                double         bottom)
{
  const WflSankeyLayout *self = L->self;
  const guint *v = L->col_nodes + L->col_node_start[c];
  guint n = L->col_node_start[c + 1] - L->col_node_start[c];
  guint lo = 0, hi = n;

  /* Nodes of a column do not overlap: their bottoms rise in order. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (MAX (self->nodes[v[mid]].y1, self->nodes[v[mid]].y0 + 1) <= top)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < n; i++)
    {
      const WflSankeyNodeGeometry *g = &self->nodes[v[i]];
      double nt = g->y0;

      if (g->y0 - MARKER_ROOM >= bottom)
        break;
      if (wfl_sankey_graph_get_node (self->graph, v[i])->bottleneck)
        nt -= MARKER_ROOM;
      if (nt < bottom && MAX (g->y1, g->y0 + 1) > top)
        return TRUE;
    }
  return FALSE;
}

/* How far (up to want) a label of column `column` starting at xs may
 * reach to the right, or to the left, between top and bottom. */
static double
reach_right (const Labeler *L,
             guint          column,
             double         xs,
             double         top,
             double         bottom,
             double         want)
{
  const WflSankeyLayout *self = L->self;
  /* In distances from xs, so that nothing in the way gives want exactly. */
  double reach = MIN (want, L->x_hi - xs);

  for (guint c = column + 1; c < self->n_columns && self->col_x0[c] - LABEL_PAD - xs < reach; c++)
    if (column_blocked (L, c, top - 1, bottom + 1))
      {
        reach = self->col_x0[c] - LABEL_PAD - xs;
        break;
      }
  if (reach <= 0)
    return 0;
  for (guint s = slab_of (L, xs - LABEL_HGAP); s < L->n_slabs && slab_x0 (L, s) - xs < reach + LABEL_HGAP; s++)
    {
      const GArray *a = L->slabs[s];

      for (guint i = slab_first (L, a, top - LABEL_VGAP); i < a->len; i++)
        {
          const LabelBox *box = &g_array_index (a, LabelBox, i);

          if (box->top >= bottom + LABEL_VGAP)
            break;
          if (box->bottom <= top - LABEL_VGAP || box->x1 + LABEL_HGAP <= xs)
            continue;
          if (box->x0 - LABEL_HGAP <= xs)
            return 0;
          reach = MIN (reach, box->x0 - LABEL_HGAP - xs);
        }
    }
  return MAX (0, reach);
}

static double
reach_left (const Labeler *L,
            guint          column,
            double         xs,
            double         top,
            double         bottom,
            double         want)
{
  const WflSankeyLayout *self = L->self;
  double reach = MIN (want, xs - L->x_lo);

  for (guint c = column; c-- > 0 && xs - (self->col_x0[c] + self->node_width + LABEL_PAD) < reach;)
    if (column_blocked (L, c, top - 1, bottom + 1))
      {
        reach = xs - (self->col_x0[c] + self->node_width + LABEL_PAD);
        break;
      }
  if (reach <= 0)
    return 0;
  for (guint s = slab_of (L, xs + LABEL_HGAP) + 1; s-- > 0 && xs - slab_x1 (L, s) < reach + LABEL_HGAP;)
    {
      const GArray *a = L->slabs[s];

      for (guint i = slab_first (L, a, top - LABEL_VGAP); i < a->len; i++)
        {
          const LabelBox *box = &g_array_index (a, LabelBox, i);

          if (box->top >= bottom + LABEL_VGAP)
            break;
          if (box->bottom <= top - LABEL_VGAP || box->x0 - LABEL_HGAP >= xs)
            continue;
          if (box->x1 + LABEL_HGAP >= xs)
            return 0;
          reach = MIN (reach, xs - box->x1 - LABEL_HGAP);
        }
    }
  return MAX (0, reach);
}

/* A free box: inside the chart, clear of labels and of every node whose
 * column it crosses. */
static gboolean
box_free (const Labeler *L,
          double         x0,
          double         x1,
          double         top,
          double         bottom)
{
  const WflSankeyLayout *self = L->self;

  if (x0 < L->x_lo || x1 > L->x_hi || top < 0 || bottom > self->height)
    return FALSE;
  for (guint c = 0; c < self->n_columns; c++)
    if (self->col_x0[c] - LABEL_PAD < x1 && self->col_x0[c] + self->node_width + LABEL_PAD > x0 &&
        column_blocked (L, c, top - 1, bottom + 1))
      return FALSE;
  return labels_clear (L, x0, x1, top, bottom);
}

static const char *
label_text (WflSankeyLayout *self,
            const char      *name,
            guint            wrap_at)
{
  char *text;

  if (wrap_at == 0)
    return name;
  text = g_strdup (name);
  text[wrap_at] = '\n';
  return intern (self, text);
}

static void
place_label (Labeler            *L,
             guint               v,
             WflSankeyLabelSide  side,
             const LabelForm    *f,
             double              x,
             double              top,
             double              room,
             gboolean            leader)
{
  WflSankeyLayout *self = L->self;
  WflSankeyNodeGeometry *g = &self->nodes[v];

  g->label_side = side;
  g->label_visible = TRUE;
  g->label_x = x;
  g->label_y = top;
  g->label_width = f->width;
  g->label_height = f->lines * L->lh;
  g->label_max_width = MAX (room, f->width);
  g->label_lines = f->lines;
  g->label_name_lines = f->name_lines;
  g->label_value = f->value;
  g->label_ellipsized = f->ellipsized;
  g->label_text = label_text (self, wfl_sankey_graph_get_node (self->graph, v)->name, f->wrap_at);
  g->label_leader = leader;
  if (leader)
    {
      double cy = top + g->label_height / 2;
      gboolean right = side == WFL_SANKEY_LABEL_RIGHT;

      g->leader[0] = (WflSankeyPoint) { right ? g->x1 : g->x0, CLAMP (cy, g->y0, g->y1) };
      g->leader[1] = (WflSankeyPoint) { right ? x : x + f->width, cy };
    }
  labeler_add (L, x, x + f->width, top, top + g->label_height);
}

/* Tries a form beside the node at a top: right, then left. */
static gboolean
try_beside (Labeler         *L,
            guint            v,
            const LabelForm *f,
            double           top,
            gboolean         can_left,
            gboolean         can_right,
            gboolean         leader)
{
  const WflSankeyNodeGeometry *g = &L->self->nodes[v];
  double bottom = top + f->lines * L->lh, run = leader ? LEADER_RUN : 0, room;

  if (can_right)
    {
      room = reach_right (L, g->column, g->x1 + LABEL_PAD + run, top, bottom, f->width);
      if (room >= f->width)
        {
          place_label (L, v, WFL_SANKEY_LABEL_RIGHT, f, g->x1 + LABEL_PAD + run, top, room, leader);
          return TRUE;
        }
    }
  if (can_left)
    {
      room = reach_left (L, g->column, g->x0 - LABEL_PAD - run, top, bottom, f->width);
      if (room >= f->width)
        {
          place_label (L, v, WFL_SANKEY_LABEL_LEFT, f, g->x0 - LABEL_PAD - run - f->width, top, room, leader);
          return TRUE;
        }
    }
  return FALSE;
}

/* The tops, nearest first, for a label of height h: while it touches
 * the node (near) or, moved further, up to MAX_LEADER_LINES away. */
static guint
label_tops (const Labeler               *L,
            const WflSankeyNodeGeometry *g,
            double                       h,
            gboolean                     near,
            double                      *tops)
{
  double H = L->self->height, d = L->lh / 2;
  double ideal = CLAMP ((g->y0 + g->y1) / 2 - h / 2, 0, MAX (0, H - h));
  double lo = MAX (0, g->y0 - h + 3), hi = MIN (H - h, g->y1 - 3);
  guint n = 0;

  if (h > H)
    return 0;
  if (near)
    {
      tops[n++] = ideal;
      for (guint k = 1; k <= MAX_NEAR_STEPS; k++)
        {
          if (ideal + k * d <= hi)
            tops[n++] = ideal + k * d;
          if (ideal - k * d >= lo)
            tops[n++] = ideal - k * d;
        }
      return n;
    }
  for (double off = d; off <= MAX_LEADER_LINES * L->lh; off += d)
    {
      if (ideal + off > MAX (hi, ideal + MAX_NEAR_STEPS * d) && ideal + off <= H - h)
        tops[n++] = ideal + off;
      if (ideal - off < MIN (lo, ideal - MAX_NEAR_STEPS * d) && ideal - off >= 0)
        tops[n++] = ideal - off;
    }
  return n;
}

#define MAX_TOPS (2 * MAX_NEAR_STEPS + 2 + 4 * (guint) MAX_LEADER_LINES + 2)

/* An interior label (or an outer one without a margin), greedily. */
static gboolean
place_free_label (Labeler         *L,
                  guint            v,
                  const LabelText *t,
                  gboolean         can_left,
                  gboolean         can_right)
{
  WflSankeyLayout *self = L->self;
  const WflSankeyNodeGeometry *g = &self->nodes[v];
  const char *name = wfl_sankey_graph_get_node (self->graph, v)->name;
  gboolean bottleneck = wfl_sankey_graph_get_node (self->graph, v)->bottleneck;
  double node_h = g->y1 - g->y0, lh = L->lh, cx = (g->x0 + g->x1) / 2;
  double tops[MAX_TOPS], best_room = 0, best_top = 0;
  WflSankeyLabelSide best_side = WFL_SANKEY_LABEL_HIDDEN;
  LabelForm forms[5], cut;
  guint n_forms = label_forms (t, L->m, node_h >= 2 * lh, forms), n_tops;
  gboolean any = FALSE;

  /* Anything at all?  A cut name on one line, near or moved. */
  for (int near = 1; near >= 0 && !any; near--)
    {
      double run = near ? 0 : LEADER_RUN, want = min_cut_width (L->m);

      n_tops = label_tops (L, g, lh, near, tops);
      for (guint k = 0; k < n_tops && !any; k++)
        any = (can_right && reach_right (L, g->column, g->x1 + LABEL_PAD + run, tops[k], tops[k] + lh, want) >= want) ||
              (can_left && reach_left (L, g->column, g->x0 - LABEL_PAD - run, tops[k], tops[k] + lh, want) >= want);
    }
  if (!any && node_h >= 3 * lh)
    return FALSE;

  /* Whole, beside the node. */
  for (guint i = 0; i < n_forms; i++)
    {
      n_tops = label_tops (L, g, forms[i].lines * lh, TRUE, tops);
      for (guint k = 0; k < n_tops; k++)
        if (try_beside (L, v, &forms[i], tops[k], can_left, can_right, FALSE))
          return TRUE;
    }

  /* Whole, above or below a short node. */
  if (node_h < 4 * lh)
    for (guint i = 0; i < n_forms; i++)
      {
        double h = forms[i].lines * lh, w = forms[i].width;
        double above = g->y0 - 2 - h - (bottleneck ? MARKER_ROOM : 0), below = g->y1 + 2;
        double x = CLAMP (cx - w / 2, L->x_lo, L->x_hi - w);

        if (box_free (L, x, x + w, above, above + h))
          {
            place_label (L, v, WFL_SANKEY_LABEL_ABOVE, &forms[i], x, above, w, FALSE);
            return TRUE;
          }
        if (box_free (L, x, x + w, below, below + h))
          {
            place_label (L, v, WFL_SANKEY_LABEL_BELOW, &forms[i], x, below, w, FALSE);
            return TRUE;
          }
      }

  if (!any)
    return FALSE;

  /* Whole, moved away with a leader line. */
  for (guint i = 0; i < n_forms; i++)
    {
      n_tops = label_tops (L, g, forms[i].lines * lh, FALSE, tops);
      for (guint k = 0; k < n_tops; k++)
        if (try_beside (L, v, &forms[i], tops[k], can_left, can_right, TRUE))
          return TRUE;
    }

  /* Cut, where there is most room near the node: on two lines, else on one. */
  for (guint lines = 2; lines >= 1; lines--)
    {
      double want = forms[0].width;

      n_tops = label_tops (L, g, lines * lh, TRUE, tops);
      for (guint k = 0; k < n_tops; k++)
        {
          double r;

          if (can_right && (r = reach_right (L, g->column, g->x1 + LABEL_PAD, tops[k], tops[k] + lines * lh, want)) > best_room)
            best_room = r, best_top = tops[k], best_side = WFL_SANKEY_LABEL_RIGHT;
          if (can_left && (r = reach_left (L, g->column, g->x0 - LABEL_PAD, tops[k], tops[k] + lines * lh, want)) > best_room)
            best_room = r, best_top = tops[k], best_side = WFL_SANKEY_LABEL_LEFT;
        }
      if (best_side != WFL_SANKEY_LABEL_HIDDEN && cut_form (L->m, name, t, best_room, lines, FALSE, &cut) &&
          cut.lines == lines)
        {
          double x = best_side == WFL_SANKEY_LABEL_RIGHT ? g->x1 + LABEL_PAD : g->x0 - LABEL_PAD - cut.width;

          place_label (L, v, best_side, &cut, x, best_top, best_room, FALSE);
          return TRUE;
        }
      best_room = 0;
      best_side = WFL_SANKEY_LABEL_HIDDEN;
    }
  return FALSE;
}

/* The best form of an outer label within room and max_lines: whole if
 * it can be, else cut (keeping the value line when the node is tall
 * and there is a line for it). */
static gboolean
outer_form (const TextMetrics *m,
            const char        *name,
            const LabelText   *t,
            double             node_h,
            double             lh,
            double             room,
            guint              max_lines,
            LabelForm         *f)
{
  LabelForm forms[5];
  guint n = label_forms (t, m, node_h >= TALL_LINES * lh, forms);
  gboolean value = node_h >= TALL_LINES * lh && max_lines >= 2;

  for (guint i = 0; i < n; i++)
    if (forms[i].width <= room && forms[i].lines <= max_lines)
      {
        *f = forms[i];
        return TRUE;
      }
  return cut_form (m, name, t, room, MIN (2, max_lines - value), value, f);
}

static int
compare_stack_value (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  const StackItem *s = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (s[x].value != s[y].value)
    return s[x].value < s[y].value ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Stacks the labels of one outer column (items top to bottom) within
 * room and the height: forms first, then, while the stack is too tall,
 * the smallest nodes' labels onto one line and then hidden; then the
 * tops nearest their nodes without overlaps.  Returns whether a label
 * had to leave its node (and so needs a leader line). */
static gboolean
stack_labels (StackItem         *s,
              guint              n,
              const LabelText   *texts,
              WflSankeyGraph    *graph,
              const TextMetrics *m,
              double             lh,
              double             room,
              double             height)
{
  g_autofree guint *order = g_new (guint, n + 1);
  g_autofree double *sum = g_new (double, n + 1);
  g_autofree guint *count = g_new (guint, n + 1);
  double total = 0, offset = 0, span;
  guint n_blocks = 0, k;
  gboolean leaders = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *name = wfl_sankey_graph_get_node (graph, s[i].node)->name;

      s[i].shown = outer_form (m, name, &texts[s[i].node], s[i].y1 - s[i].y0, lh, room, 3, &s[i].form);
      if (s[i].shown)
        total += s[i].form.lines * lh + LABEL_VGAP;
      order[i] = i;
    }
  g_qsort_with_data (order, n, sizeof (guint), compare_stack_value, s);
  /* Too tall: the smallest nodes' labels lose a line, then another. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint j = 0; j < n && total > height + LABEL_VGAP; j++)
      {
        StackItem *it = &s[order[j]];
        LabelForm f;

        if (it->shown && it->form.lines > 1 &&
            outer_form (m, wfl_sankey_graph_get_node (graph, it->node)->name, &texts[it->node],
                        it->y1 - it->y0, lh, room, it->form.lines - 1, &f))
          {
            total -= (double) (it->form.lines - f.lines) * lh;
            it->form = f;
          }
      }
  for (guint j = 0; j < n && total > height + LABEL_VGAP; j++)
    if (s[order[j]].shown)
      {
        s[order[j]].shown = FALSE;
        total -= s[order[j]].form.lines * lh + LABEL_VGAP;
      }

  /* Least-squares tops in order: with offsets o_i (the heights above),
   * q_i = top_i - o_i must not decrease; pool adjacent violators. */
  for (guint i = 0; i < n; i++)
    {
      double h;

      if (!s[i].shown)
        continue;
      h = s[i].form.lines * lh;
      s[i].top = (s[i].y0 + s[i].y1) / 2 - h / 2 - offset;
      offset += h + LABEL_VGAP;
      sum[n_blocks] = s[i].top;
      count[n_blocks] = 1;
      n_blocks++;
      while (n_blocks > 1 && sum[n_blocks - 2] / count[n_blocks - 2] > sum[n_blocks - 1] / count[n_blocks - 1])
        {
          sum[n_blocks - 2] += sum[n_blocks - 1];
          count[n_blocks - 2] += count[n_blocks - 1];
          n_blocks--;
        }
    }
  span = MAX (0, offset - LABEL_VGAP);
  offset = 0;
  k = 0;
  for (guint i = 0, in_block = 0; i < n; i++)
    {
      double h, q;

      if (!s[i].shown)
        continue;
      h = s[i].form.lines * lh;
      q = CLAMP (sum[k] / count[k], 0, MAX (0, height - span));
      s[i].top = q + offset;
      offset += h + LABEL_VGAP;
      if (++in_block == count[k])
        k++, in_block = 0;
      leaders |= !(s[i].y0 < s[i].top + h - 3 && MAX (s[i].y1, s[i].y0 + 1) > s[i].top + 3);
    }
  return leaders;
}


/* ---------------------------------------------------------------- *
 * Public API
 * ---------------------------------------------------------------- */

void
wfl_sankey_layout_options_init (WflSankeyLayoutOptions *options)
{
  *options = (WflSankeyLayoutOptions) {
    .node_width = 14,
    .node_padding = 16,
    .font_family = NULL,
    .font_size = 10,
    .labels = TRUE,
    .iterations = 0,
  };
}

static const char *
intern (WflSankeyLayout *self,
        char            *text)
{
  g_ptr_array_add (self->strings, text);
  return text;
}

static gboolean
same_unit (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

WflSankeyLayout *
wfl_sankey_layout_new (WflSankeyGraph               *graph,
                       const WflSankeyLayoutOptions *options,
                       double                        width,
                       double                        height)
{
  WflSankeyLayoutOptions defaults;
  WflSankeyLayout *self;
  Build build = { 0 };
  Build *b = &build;
  g_autofree double *node_in = NULL, *node_out = NULL, *node_value = NULL;
  g_autofree double *loop_out_off = NULL, *loop_in_off = NULL;
  g_autofree guint *loop_rank = NULL;
  g_autofree LabelText *texts = NULL;
  StackItem *stacks[2] = { NULL, NULL };
  guint n_stack[2] = { 0, 0 };
  double stack_run[2] = { 0, 0 };
  const TextMetrics *metrics = NULL;
  double padding, ky, loop_fixed, loop_value = 0, chart_h, pin_weight, total_value = 0;
  double left_margin = 0, right_margin = 0, step, nw, lh = 0, top = 0;
  guint iterations;

  g_return_val_if_fail (graph != NULL, NULL);

  if (options == NULL)
    {
      wfl_sankey_layout_options_init (&defaults);
      options = &defaults;
    }
  width = MAX (width, 1);
  height = MAX (height, 1);

  self = g_new0 (WflSankeyLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->graph = wfl_sankey_graph_ref (graph);
  self->width = width;
  self->height = height;
  self->font_size = options->font_size > 0 ? options->font_size : 10;
  self->points = g_array_new (FALSE, FALSE, sizeof (WflSankeyPoint));
  self->strings = g_ptr_array_new_with_free_func (g_free);

  b->layout = self;
  b->graph = graph;
  b->n = wfl_sankey_graph_get_n_nodes (graph);
  b->m = wfl_sankey_graph_get_n_links (graph);
  b->src = g_new (guint, b->m + 1);
  b->dst = g_new (guint, b->m + 1);
  b->value = g_new (double, b->m + 1);
  b->layer = g_new0 (guint, b->n + 1);
  b->feedback = g_new0 (gboolean, b->m + 1);
  b->is_loop = g_new0 (gboolean, b->m + 1);
  b->link_first_seg = g_new0 (guint, b->m + 1);
  b->link_n_segs = g_new0 (guint, b->m + 1);
  b->items = g_array_sized_new (FALSE, FALSE, sizeof (Item), b->n + b->m);
  b->segs = g_array_sized_new (FALSE, FALSE, sizeof (Seg), b->m);

  self->nodes = g_new0 (WflSankeyNodeGeometry, b->n + 1);
  self->links = g_new0 (WflSankeyLinkGeometry, b->m + 1);
  node_in = g_new0 (double, b->n + 1);
  node_out = g_new0 (double, b->n + 1);
  node_value = g_new0 (double, b->n + 1);

  for (guint l = 0; l < b->m; l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);

      b->src[l] = link->source;
      b->dst[l] = link->target;
      b->value[l] = link->value;
      node_out[link->source] += link->value;
      node_in[link->target] += link->value;
    }
  for (guint v = 0; v < b->n; v++)
    {
      node_value[v] = MAX (node_in[v], node_out[v]);
      total_value += node_value[v];
    }

  /* 1–2. Columns. */
  assign_columns (b);
  self->n_columns = 1;
  for (guint v = 0; v < b->n; v++)
    self->n_columns = MAX (self->n_columns, b->layer[v] + 1);

  /* 3. Waypoints. */
  build_proper_graph (b, node_value);
  b->pairs = g_new (Pair, self->n_segs + 1);
  b->scratch = g_new (guint, self->n_segs + 1);
  b->bucket = g_new (guint, self->n_items + 2);
  b->fenwick.w = g_new (double, self->n_items + 2);
  b->fenwick.c = g_new (guint, self->n_items + 2);

  /* 4. Order. */
  order_columns (b);

  /* Loops: lanes below the chart, short spans innermost. */
  loop_rank = g_new0 (guint, b->m + 1);
  loop_out_off = g_new0 (double, b->m + 1);
  loop_in_off = g_new0 (double, b->m + 1);
  {
    g_autofree SortKey *keys = g_new (SortKey, b->m + 1);

    for (guint l = 0; l < b->m; l++)
      if (b->is_loop[l])
        {
          keys[self->n_loops].key = (double) b->layer[b->src[l]] - b->layer[b->dst[l]];
          keys[self->n_loops].pos = l;
          keys[self->n_loops].item = l;
          self->n_loops++;
          loop_value += b->value[l];
        }
    qsort (keys, self->n_loops, sizeof (SortKey), compare_sort_key);
    self->loops = g_new (guint, self->n_loops + 1);
    for (guint k = 0; k < self->n_loops; k++)
      {
        self->loops[k] = keys[k].item;
        loop_rank[keys[k].item] = k;
      }
  }

  /* Room above the chart for bottleneck markers. */
  for (guint v = 0; v < b->n; v++)
    if (wfl_sankey_graph_get_node (graph, v)->bottleneck)
      top = 14;

  /* 5. Scale and padding: every column must fit, loop lanes included. */
  loop_fixed = self->n_loops > 0 ? LOOP_GAP * (self->n_loops + 2) : 0;
  loop_fixed = MIN (loop_fixed, height * 0.25);
  padding = MAX (options->node_padding, 0);
  for (guint c = 0; c < self->n_columns; c++)
    {
      double gaps = 0;

      for (guint k = self->col_start[c] + 1; k < self->col_start[c + 1]; k++)
        gaps += gap_factor (&self->items[self->col_items[k - 1]], &self->items[self->col_items[k]]);
      if (gaps > 0)
        padding = MIN (padding, 0.5 * (height - top - loop_fixed) / gaps);
    }
  ky = G_MAXDOUBLE;
  for (guint c = 0; c < self->n_columns; c++)
    {
      double gaps = 0, sum = 0;

      for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
        {
          sum += self->items[self->col_items[k]].value;
          if (k > self->col_start[c])
            gaps += padding * gap_factor (&self->items[self->col_items[k - 1]], &self->items[self->col_items[k]]);
        }
      if (sum + loop_value > 0)
        ky = MIN (ky, (height - top - loop_fixed - gaps) / (sum + loop_value));
    }
  if (ky == G_MAXDOUBLE || ky < 0)
    ky = 0;
  chart_h = height - (self->n_loops > 0 ? loop_fixed + ky * loop_value : 0);

  for (guint i = 0; i < self->n_items; i++)
    self->items[i].h = self->items[i].value * ky;

  assign_ports (b, ky, loop_out_off, loop_in_off, loop_rank);

  /* Start stacked and centred, then relax. */
  for (guint c = 0; c < self->n_columns; c++)
    {
      double y = 0;

      for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
        {
          Item *item = &self->items[self->col_items[k]];

          if (k > self->col_start[c])
            y += padding * gap_factor (&self->items[self->col_items[k - 1]], item);
          item->y = y;
          y += item->h;
        }
      for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
        self->items[self->col_items[k]].y += top + (chart_h - top - y) / 2;
    }

  iterations = options->iterations;
  if (iterations == 0)
    {
      guint64 size = self->n_segs + self->n_items + 1;

      iterations = (guint) CLAMP (6000000 / size, 6, 40);
    }
  pin_weight = MAX (total_value, 1) * 1e6;
  relax (b, padding, top, chart_h, iterations, pin_weight);

  /* Horizontal: the outer columns' label stacks decide the margins. */
  nw = options->node_width > 0 ? options->node_width : 14;
  texts = g_new0 (LabelText, b->n + 1);
  if (options->labels)
    {
      metrics = get_metrics (options->font_family ? options->font_family : DEFAULT_FONT,
                             self->font_size);
      lh = metrics->line_height;
    }
  for (guint v = 0; v < b->n; v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);
      double q = isnan (node->quantity) ? node_value[v] : node->quantity;

      self->nodes[v].value_text = intern (self, wfl_sankey_format_quantity (q, node->unit));
    }
  if (metrics != NULL)
    for (guint side = 0; side < 2; side++)
      {
        /* side 0: the first column's labels on the left; 1: the last
         * column's on the right (the only column's too). */
        guint c = side == 0 ? 0 : self->n_columns - 1;
        guint n = self->col_start[c + 1] - self->col_start[c], k = 0;
        StackItem *s;
        double natural = 0, compact = 0, room, used = 0;
        double cap = self->n_columns == 1 ? width - nw - LABEL_PAD - LABEL_EDGE
                                          : width * MAX_LABEL_SHARE - LABEL_PAD - LABEL_EDGE;
        gboolean leaders;

        if (side == 0 && self->n_columns == 1)
          continue;
        s = stacks[side] = g_new0 (StackItem, n + 1);
        for (guint j = self->col_start[c]; j < self->col_start[c + 1]; j++)
          {
            const Item *item = &self->items[self->col_items[j]];
            LabelForm forms[5];
            const LabelText *t;

            if (item->node == NONE)
              continue;
            measure_label (metrics, wfl_sankey_graph_get_node (graph, item->node)->name,
                           self->nodes[item->node].value_text, &texts[item->node]);
            s[k] = (StackItem) { item->node, item->y, item->y + item->h, node_value[item->node] };
            label_forms (&texts[item->node], metrics, item->h >= TALL_LINES * lh, forms);
            natural = MAX (natural, forms[0].width);
            /* The narrowest way with the value: under the name, wrapped
             * when it can be. */
            t = &texts[item->node];
            compact = MAX (compact, MAX (t->wrap_at > 0 ? t->wrap_w : t->name_w, t->value_w));
            k++;
          }
        n_stack[side] = k;
        /* Labels as wide as they are up to SOFT_LABEL_SHARE; past
         * that, wide names wrap, up to MAX_LABEL_SHARE. */
        if (natural + LABEL_PAD <= width * SOFT_LABEL_SHARE)
          room = natural;
        else
          room = MAX (width * SOFT_LABEL_SHARE - LABEL_PAD, compact);
        room = MIN (room, cap);
        leaders = stack_labels (s, k, texts, graph, metrics, lh, room, height);
        if (leaders && room + LEADER_RUN > cap)
          {
            room = cap - LEADER_RUN;
            stack_labels (s, k, texts, graph, metrics, lh, room, height);
          }
        stack_run[side] = leaders ? LEADER_RUN : 0;
        for (guint i = 0; i < k; i++)
          if (s[i].shown)
            used = MAX (used, s[i].form.width);
        if (used > 0)
          {
            if (side == 0)
              left_margin = used + LABEL_PAD + stack_run[side] + LABEL_EDGE;
            else if (self->n_columns > 1)
              right_margin = used + LABEL_PAD + stack_run[side] + LABEL_EDGE;
          }
      }
  if (self->n_columns > 1 && width - left_margin - right_margin < nw * self->n_columns * 2)
    {
      /* No room for margins: every label goes in the gaps. */
      left_margin = right_margin = 0;
      for (guint side = 0; side < 2; side++)
        g_clear_pointer (&stacks[side], g_free);
    }
  nw = MIN (nw, MAX (1, (width - left_margin - right_margin) / (2.0 * self->n_columns)));
  step = self->n_columns > 1 ? (width - left_margin - right_margin - nw) / (self->n_columns - 1) : 0;
  self->node_width = nw;
  self->col_x0 = g_new (double, self->n_columns);
  for (guint c = 0; c < self->n_columns; c++)
    self->col_x0[c] = left_margin + c * step;

  /* Node geometry. */
  for (guint v = 0; v < b->n; v++)
    {
      WflSankeyNodeGeometry *g = &self->nodes[v];
      const Item *item = &self->items[v];

      g->x0 = self->col_x0[item->column];
      g->x1 = g->x0 + nw;
      g->y0 = item->y;
      g->y1 = item->y + item->h;
      g->value = node_value[v];
      g->in_value = node_in[v];
      g->out_value = node_out[v];
      g->column = item->column;
    }

  /* Link geometry. */
  for (guint l = 0; l < b->m; l++)
    {
      WflSankeyLinkGeometry *g = &self->links[l];
      const WflSankeyNodeGeometry *s = &self->nodes[b->src[l]], *t = &self->nodes[b->dst[l]];
      double w = b->value[l] * ky;

      g->value = b->value[l];
      g->width = w;
      g->source_fraction = s->out_value > 0 ? b->value[l] / s->out_value : 0;
      g->target_fraction = t->in_value > 0 ? b->value[l] / t->in_value : 0;
      g->first_point = self->points->len;
      g->loop = b->is_loop[l];

      if (!g->loop)
        {
          for (guint k = 0; k < b->link_n_segs[l]; k++)
            {
              const Seg *seg = &self->segs[b->link_first_seg[l] + k];
              const Item *a = &self->items[seg->left], *z = &self->items[seg->right];
              WflSankeyPoint p0 = { self->col_x0[a->column] + nw, a->y + seg->off_left + w / 2 };
              WflSankeyPoint p1 = { self->col_x0[z->column], z->y + seg->off_right + w / 2 };

              g_array_append_val (self->points, p0);
              g_array_append_val (self->points, p1);
            }
        }
      else
        {
          double ys = s->y0 + loop_out_off[l] + w / 2;
          double yt = t->y0 + loop_in_off[l] + w / 2;
          double lane = chart_h + LOOP_GAP;
          double r_out = 6 + w / 2, r_in = 6 + w / 2;
          WflSankeyPoint p[6];

          /* Lanes stack outward in rank order. */
          for (guint k = 0; k < loop_rank[l]; k++)
            lane += self->links[self->loops[k]].width + LOOP_GAP;
          lane += w / 2;
          /* Loops below this one at the same port turn inside it. */
          for (guint k = 0; k < self->n_loops; k++)
            {
              guint o = self->loops[k];

              if (o == l)
                continue;
              if (b->src[o] == b->src[l] && loop_out_off[o] > loop_out_off[l])
                r_out += b->value[o] * ky + LOOP_GAP;
              if (b->dst[o] == b->dst[l] && loop_in_off[o] > loop_in_off[l])
                r_in += b->value[o] * ky + LOOP_GAP;
            }
          p[0] = (WflSankeyPoint) { s->x1, ys };
          p[1] = (WflSankeyPoint) { s->x1 + r_out, ys };
          p[2] = (WflSankeyPoint) { s->x1 + r_out, lane };
          p[3] = (WflSankeyPoint) { t->x0 - r_in, lane };
          p[4] = (WflSankeyPoint) { t->x0 - r_in, yt };
          p[5] = (WflSankeyPoint) { t->x0, yt };
          g_array_append_vals (self->points, p, 6);
        }
      g->n_points = self->points->len - g->first_point;
      g->x0 = g_array_index (self->points, WflSankeyPoint, g->first_point).x;
      g->y0 = g_array_index (self->points, WflSankeyPoint, g->first_point).y;
      g->x1 = g_array_index (self->points, WflSankeyPoint, g->first_point + g->n_points - 1).x;
      g->y1 = g_array_index (self->points, WflSankeyPoint, g->first_point + g->n_points - 1).y;
    }

  /* Painting order: loops first, then wide bands before thin ones. */
  {
    g_autofree SortKey *keys = g_new (SortKey, b->m + 1);

    for (guint l = 0; l < b->m; l++)
      {
        keys[l].key = -(self->links[l].loop ? G_MAXDOUBLE : self->links[l].width);
        keys[l].pos = l;
        keys[l].item = l;
      }
    qsort (keys, b->m, sizeof (SortKey), compare_sort_key);
    self->paint_order = g_new (guint, b->m + 1);
    self->paint_rank = g_new (guint, b->m + 1);
    for (guint k = 0; k < b->m; k++)
      {
        self->paint_order[k] = keys[k].item;
        self->paint_rank[keys[k].item] = k;
      }
  }

  /* Colours: a group's colour, or one that differs from the neighbours
   * above in the column and from the linked nodes coloured before. */
  {
    g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree guint *in_s = NULL, *in_l = NULL, *out_s = NULL, *out_l = NULL;
    g_autofree gboolean *done = g_new0 (gboolean, b->n + 1);
    guint usage[N_COLORS] = { 0 };
    gboolean any_group = FALSE;

    for (guint v = 0; v < b->n; v++)
      {
        const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);

        if (node->group != NULL && !g_hash_table_contains (groups, node->group))
          g_hash_table_insert (groups, node->group, GUINT_TO_POINTER (g_hash_table_size (groups)));
        any_group |= node->group != NULL;
      }
    build_csr (b->n, b->m, b->dst, NULL, &in_s, &in_l);
    build_csr (b->n, b->m, b->src, NULL, &out_s, &out_l);

    for (guint c = 0; c < self->n_columns; c++)
      {
        guint above = NONE;

        for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
          {
            guint v = self->items[self->col_items[k]].node;
            const WflSankeyNode *node;
            double penalty[N_COLORS] = { 0 };
            guint pick = 0;

            if (v == NONE)
              continue;
            node = wfl_sankey_graph_get_node (graph, v);
            if (node->color >= 0)
              pick = node->color;
            else if (any_group && node->group != NULL)
              pick = GPOINTER_TO_UINT (g_hash_table_lookup (groups, node->group));
            else
              {
                for (guint q = 0; q < N_COLORS; q++)
                  penalty[q] = usage[q] * 1e-3 + q * 1e-6;
                if (above != NONE)
                  penalty[self->nodes[above].color] += 1e6;
                for (guint j = in_s[v]; j < in_s[v + 1]; j++)
                  if (done[b->src[in_l[j]]])
                    penalty[self->nodes[b->src[in_l[j]]].color] += 1 + b->value[in_l[j]];
                for (guint j = out_s[v]; j < out_s[v + 1]; j++)
                  if (done[b->dst[out_l[j]]])
                    penalty[self->nodes[b->dst[out_l[j]]].color] += 1 + b->value[out_l[j]];
                for (guint q = 1; q < N_COLORS; q++)
                  if (penalty[q] < penalty[pick])
                    pick = q;
              }
            self->nodes[v].color = pick;
            usage[pick % N_COLORS]++;
            done[v] = TRUE;
            above = v;
          }
      }
  }

  /* 7. Labels. */
  if (metrics != NULL)
    {
      g_autofree SortKey *keys = g_new (SortKey, b->n + b->m + 1);
      g_autofree guint *attempts = g_new0 (guint, self->n_columns + 1);
      Labeler lab = { 0 };
      Labeler *L = &lab;
      guint n_keys = 0, per_column = (guint) MAX (8, height / lh);

      L->self = self;
      L->m = metrics;
      L->lh = lh;
      L->n_slabs = 2 * self->n_columns + 1;
      L->slabs = g_new (GArray *, L->n_slabs);
      for (guint s = 0; s < L->n_slabs; s++)
        L->slabs[s] = g_array_new (FALSE, FALSE, sizeof (LabelBox));
      L->col_node_start = g_new0 (guint, self->n_columns + 1);
      L->col_nodes = g_new (guint, b->n + 1);
      for (guint c = 0, k = 0; c < self->n_columns; c++)
        {
          L->col_node_start[c] = k;
          for (guint j = self->col_start[c]; j < self->col_start[c + 1]; j++)
            if (self->items[self->col_items[j]].node != NONE)
              L->col_nodes[k++] = self->items[self->col_items[j]].node;
          L->col_node_start[c + 1] = k;
        }
      /* Interior labels keep off the margins' stacks. */
      L->x_lo = stacks[0] != NULL ? self->col_x0[0] + nw + LABEL_PAD : 0;
      L->x_hi = stacks[1] != NULL && self->n_columns > 1 ? self->col_x0[self->n_columns - 1] - LABEL_PAD : width;

      /* Every label's box, hidden ones too: where it would hang. */
      for (guint v = 0; v < b->n; v++)
        {
          WflSankeyNodeGeometry *g = &self->nodes[v];
          gboolean last = g->column + 1 == self->n_columns;
          double w;

          if (g->column == 0 && stacks[0] != NULL)
            g->label_side = WFL_SANKEY_LABEL_LEFT;
          else if (last && stacks[1] == NULL)
            g->label_side = WFL_SANKEY_LABEL_LEFT;
          else
            g->label_side = WFL_SANKEY_LABEL_RIGHT;
          g->label_max_width = g->label_side == WFL_SANKEY_LABEL_LEFT ? g->x0 - LABEL_PAD : width - g->x1 - LABEL_PAD;
          g->label_max_width = MAX (g->label_max_width, 0);
          g->label_text = wfl_sankey_graph_get_node (graph, v)->name;
          g->label_lines = g->label_name_lines = 1;
          g->label_value = TRUE;
          g->label_height = lh;
          w = text_width (metrics, g->label_text) + 2 * metrics->ascii[' '] + text_width (metrics, g->value_text) + 4;
          g->label_width = MIN (w, g->label_max_width);
          g->label_ellipsized = g->label_width < w;
          g->label_x = g->label_side == WFL_SANKEY_LABEL_RIGHT ? g->x1 + LABEL_PAD : g->x0 - LABEL_PAD - g->label_width;
          g->label_y = CLAMP ((g->y0 + g->y1) / 2 - lh / 2, 0, MAX (0, height - lh));
        }

      /* The margins' stacks. */
      for (guint side = 0; side < 2; side++)
        for (guint i = 0; stacks[side] != NULL && i < n_stack[side]; i++)
          {
            const StackItem *it = &stacks[side][i];
            const WflSankeyNodeGeometry *g = &self->nodes[it->node];
            gboolean leader = !(g->y0 < it->top + it->form.lines * lh - 3 && MAX (g->y1, g->y0 + 1) > it->top + 3);

            if (!it->shown)
              continue;
            if (side == 0)
              place_label (L, it->node, WFL_SANKEY_LABEL_LEFT, &it->form,
                           g->x0 - LABEL_PAD - stack_run[side] - it->form.width, it->top,
                           g->x0 - LABEL_PAD - stack_run[side], leader);
            else
              place_label (L, it->node, WFL_SANKEY_LABEL_RIGHT, &it->form,
                           g->x1 + LABEL_PAD + stack_run[side], it->top,
                           width - g->x1 - LABEL_PAD - stack_run[side], leader);
          }

      /* The rest, largest first, a bounded number per column. */
      for (guint v = 0; v < b->n; v++)
        {
          const WflSankeyNodeGeometry *g = &self->nodes[v];

          if ((g->column == 0 && stacks[0] != NULL) ||
              (g->column + 1 == self->n_columns && stacks[1] != NULL))
            continue;
          keys[n_keys].key = g->value;
          keys[n_keys].pos = v;
          keys[n_keys].item = v;
          n_keys++;
        }
      qsort (keys, n_keys, sizeof (SortKey), compare_by_value_desc);
      for (guint k = 0; k < n_keys; k++)
        {
          guint v = keys[k].item;
          const WflSankeyNodeGeometry *g = &self->nodes[v];

          if (attempts[g->column]++ >= per_column)
            continue;
          measure_label (metrics, wfl_sankey_graph_get_node (graph, v)->name, g->value_text, &texts[v]);
          place_free_label (L, v, &texts[v], g->column > 0, g->column + 1 < self->n_columns);
        }

      /* Band ends where the unit changes. */
      n_keys = 0;
      for (guint l = 0; l < b->m; l++)
        {
          const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);
          const WflSankeyNode *s = wfl_sankey_graph_get_node (graph, link->source);
          const WflSankeyNode *t = wfl_sankey_graph_get_node (graph, link->target);
          const char *su = link->source_unit ? link->source_unit : s->unit;
          const char *tu = link->target_unit ? link->target_unit : t->unit;
          double sq = isnan (link->source_quantity) ? link->value : link->source_quantity;
          double tq = isnan (link->target_quantity) ? link->value : link->target_quantity;
          WflSankeyLinkGeometry *g = &self->links[l];

          if (same_unit (su, tu) && sq == tq)
            continue;
          g->source_text = intern (self, wfl_sankey_format_quantity (sq, su));
          g->target_text = intern (self, wfl_sankey_format_quantity (tq, tu));
          keys[n_keys].key = g->value;
          keys[n_keys].pos = l;
          keys[n_keys].item = l;
          n_keys++;
        }
      qsort (keys, n_keys, sizeof (SortKey), compare_by_value_desc);
      for (guint k = 0; k < n_keys; k++)
        {
          WflSankeyLinkGeometry *g = &self->links[keys[k].item];
          const WflSankeyNodeGeometry *s = &self->nodes[b->src[keys[k].item]];
          const WflSankeyNodeGeometry *t = &self->nodes[b->dst[keys[k].item]];
          double room = g->loop ? 0 : step - nw - 2 * LABEL_PAD;
          double sw, tw;
          gboolean one_gap = t->column == s->column + 1;

          if (g->width < lh * 0.9 || g->loop)
            continue;
          sw = text_width (metrics, g->source_text) + 2;
          tw = text_width (metrics, g->target_text) + 2;
          /* Both ends share the gap when the band spans only one. */
          if (one_gap && sw + tw + 3 * LABEL_PAD > room)
            continue;
          if (sw <= room && labels_clear (L, g->x0 + 4, g->x0 + 4 + sw, g->y0 - lh / 2, g->y0 + lh / 2))
            {
              g->source_text_visible = TRUE;
              labeler_add (L, g->x0 + 4, g->x0 + 4 + sw, g->y0 - lh / 2, g->y0 + lh / 2);
            }
          if (tw <= room && labels_clear (L, g->x1 - 4 - tw, g->x1 - 4, g->y1 - lh / 2, g->y1 + lh / 2))
            {
              g->target_text_visible = TRUE;
              labeler_add (L, g->x1 - 4 - tw, g->x1 - 4, g->y1 - lh / 2, g->y1 + lh / 2);
            }
        }

      for (guint s = 0; s < L->n_slabs; s++)
        g_array_unref (L->slabs[s]);
      g_free (L->slabs);
      g_free (L->col_node_start);
      g_free (L->col_nodes);
    }
  for (guint side = 0; side < 2; side++)
    g_free (stacks[side]);

  g_free (b->src);
  g_free (b->dst);
  g_free (b->value);
  g_free (b->layer);
  g_free (b->feedback);
  g_free (b->is_loop);
  self->link_first_seg = b->link_first_seg;
  g_free (b->link_n_segs);
  g_free (b->in_start);
  g_free (b->in_list);
  g_free (b->out_start);
  g_free (b->out_list);
  g_free (b->pairs);
  g_free (b->scratch);
  g_free (b->bucket);
  g_free (b->fenwick.w);
  g_free (b->fenwick.c);

  return self;
}

WflSankeyLayout *
wfl_sankey_layout_ref (WflSankeyLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wfl_sankey_layout_unref (WflSankeyLayout *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  wfl_sankey_graph_unref (self->graph);
  g_free (self->col_x0);
  g_free (self->nodes);
  g_free (self->links);
  g_array_unref (self->points);
  g_free (self->paint_order);
  g_free (self->paint_rank);
  g_ptr_array_unref (self->strings);
  g_free (self->items);
  g_free (self->segs);
  g_free (self->col_start);
  g_free (self->col_items);
  g_free (self->gap_start);
  g_free (self->gap_segs);
  g_free (self->loops);
  g_free (self->link_first_seg);
  g_free (self);
}

WflSankeyGraph *
wfl_sankey_layout_get_graph (const WflSankeyLayout *self)
{
  return self->graph;
}

double
wfl_sankey_layout_get_width (const WflSankeyLayout *self)
{
  return self->width;
}

double
wfl_sankey_layout_get_height (const WflSankeyLayout *self)
{
  return self->height;
}

guint
wfl_sankey_layout_get_n_columns (const WflSankeyLayout *self)
{
  return self->n_columns;
}

double
wfl_sankey_layout_get_font_size (const WflSankeyLayout *self)
{
  return self->font_size;
}

const WflSankeyNodeGeometry *
wfl_sankey_layout_get_node (const WflSankeyLayout *self,
                            guint                  node)
{
  g_return_val_if_fail (node < wfl_sankey_graph_get_n_nodes (self->graph), NULL);
  return &self->nodes[node];
}

const WflSankeyLinkGeometry *
wfl_sankey_layout_get_link (const WflSankeyLayout *self,
                            guint                  link)
{
  g_return_val_if_fail (link < wfl_sankey_graph_get_n_links (self->graph), NULL);
  return &self->links[link];
}

const WflSankeyPoint *
wfl_sankey_layout_get_points (const WflSankeyLayout *self,
                              guint                  link,
                              guint                 *n_points)
{
  const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (self, link);

  g_return_val_if_fail (g != NULL, NULL);
  if (n_points)
    *n_points = g->n_points;
  return &g_array_index (self->points, WflSankeyPoint, g->first_point);
}

const guint *
wfl_sankey_layout_get_paint_order (const WflSankeyLayout *self)
{
  return self->paint_order;
}

guint
wfl_sankey_layout_get_n_waypoints (const WflSankeyLayout *self)
{
  return self->n_items - wfl_sankey_graph_get_n_nodes (self->graph);
}

/* The band centre of an S-curve from a to b at x (control points at the
 * middle x, as the painter draws it). */
static double
curve_y_at (WflSankeyPoint a,
            WflSankeyPoint b,
            double         x)
{
  double lo = 0, hi = 1, t = 0.5;

  if (b.x - a.x <= 0)
    return a.y;
  for (int i = 0; i < 40; i++)
    {
      double fx;

      t = (lo + hi) / 2;
      fx = a.x + (b.x - a.x) * (1.5 * t - 1.5 * t * t + t * t * t);
      if (fx < x)
        lo = t;
      else
        hi = t;
    }
  return a.y + (b.y - a.y) * (3 * t * t - 2 * t * t * t);
}

static double
distance_to_segment (WflSankeyPoint a,
                     WflSankeyPoint b,
                     double         x,
                     double         y)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((x - a.x) * dx + (y - a.y) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (x - (a.x + t * dx), y - (a.y + t * dy));
}

WflSankeyHit
wfl_sankey_layout_hit_test (const WflSankeyLayout *self,
                            double                 x,
                            double                 y)
{
  WflSankeyHit hit = { WFL_SANKEY_HIT_NONE, 0 };
  guint best_rank = 0;
  gboolean have_link = FALSE;
  guint lo = 0, hi = self->n_columns;
  const WflSankeyPoint *pts = (const WflSankeyPoint *) self->points->data;

#define CONSIDER(l) G_STMT_START {                                          \
    if (!have_link || self->paint_rank[l] > best_rank)                      \
      {                                                                     \
        have_link = TRUE;                                                   \
        best_rank = self->paint_rank[l];                                    \
        hit.kind = WFL_SANKEY_HIT_LINK;                                     \
        hit.index = (l);                                                    \
      }                                                                     \
  } G_STMT_END

  /* The last column starting at or before x. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (self->col_x0[mid] <= x)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo > 0)
    {
      guint c = lo - 1;

      if (x <= self->col_x0[c] + self->node_width)
        {
          /* On a column: the item whose extent holds y (tiny nodes are
           * given a few pixels so they can be pointed at). */
          guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
          guint a = 0, z = n;

          while (a < z)
            {
              guint mid = (a + z) / 2;
              const Item *item = &self->items[self->col_items[c0 + mid]];

              if (item->y + item->h + 2 < y)
                a = mid + 1;
              else
                z = mid;
            }
          for (guint k = a; k < n && k < a + 3; k++)
            {
              const Item *item = &self->items[self->col_items[c0 + k]];
              double top = item->y, bottom = item->y + item->h;

              if (bottom - top < 4)
                {
                  double mid = (top + bottom) / 2;

                  top = mid - 2;
                  bottom = mid + 2;
                }
              if (y >= top && y <= bottom)
                {
                  if (item->node != NONE)
                    {
                      hit.kind = WFL_SANKEY_HIT_NODE;
                      hit.index = item->node;
                      return hit;
                    }
                  CONSIDER (item->link);
                }
            }
        }
      else if (c + 1 < self->n_columns)
        {
          for (guint k = self->gap_start[c]; k < self->gap_start[c + 1]; k++)
            {
              const Seg *seg = &self->segs[self->gap_segs[k]];
              const WflSankeyLinkGeometry *g = &self->links[seg->link];
              guint p = g->first_point + 2 * (self->gap_segs[k] - self->link_first_seg[seg->link]);
              double half = MAX (g->width / 2, 1.5);
              double yc;

              if (y < MIN (pts[p].y, pts[p + 1].y) - half || y > MAX (pts[p].y, pts[p + 1].y) + half)
                continue;
              yc = curve_y_at (pts[p], pts[p + 1], x);
              if (fabs (y - yc) <= half)
                CONSIDER (seg->link);
            }
        }
    }

  for (guint k = 0; k < self->n_loops; k++)
    {
      guint l = self->loops[k];
      const WflSankeyLinkGeometry *g = &self->links[l];

      for (guint p = g->first_point; p + 1 < g->first_point + g->n_points; p++)
        if (distance_to_segment (pts[p], pts[p + 1], x, y) <= MAX (g->width / 2, 1.5))
          {
            CONSIDER (l);
            break;
          }
    }
#undef CONSIDER

  return hit;
}

void
wfl_sankey_layout_count_crossings (const WflSankeyLayout *self,
                                   double                *weighted,
                                   guint64               *crossings)
{
  g_autofree WflSankeyCrossingSegment *segments = g_new (WflSankeyCrossingSegment, self->n_segs + 1);
  const WflSankeyPoint *pts = (const WflSankeyPoint *) self->points->data;

  for (guint s = 0; s < self->n_segs; s++)
    {
      const Seg *seg = &self->segs[s];
      guint p = self->links[seg->link].first_point + 2 * (s - self->link_first_seg[seg->link]);

      segments[s].gap = self->items[seg->left].column;
      segments[s].y_left = pts[p].y;
      segments[s].y_right = pts[p + 1].y;
      segments[s].weight = seg->w;
    }
  wfl_sankey_count_crossings (segments, self->n_segs, weighted, crossings);
}

char *
wfl_sankey_layout_to_json (const WflSankeyLayout *self,
                           gsize                 *length)
{
  WflJson *json = wfl_json_new ();
  guint n = wfl_sankey_graph_get_n_nodes (self->graph);
  guint m = wfl_sankey_graph_get_n_links (self->graph);

  wfl_json_begin_object (json);
  wfl_json_key (json, "width");
  wfl_json_number (json, self->width);
  wfl_json_key (json, "height");
  wfl_json_number (json, self->height);

  wfl_json_key (json, "nodes");
  wfl_json_begin_array (json);
  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (self->graph, v);
      const WflSankeyNodeGeometry *g = &self->nodes[v];

      wfl_json_begin_object (json);
      wfl_json_key (json, "id");
      wfl_json_string (json, node->id);
      wfl_json_key (json, "name");
      wfl_json_string (json, node->name);
      wfl_json_key (json, "x0");
      wfl_json_number (json, g->x0);
      wfl_json_key (json, "y0");
      wfl_json_number (json, g->y0);
      wfl_json_key (json, "x1");
      wfl_json_number (json, g->x1);
      wfl_json_key (json, "y1");
      wfl_json_number (json, g->y1);
      wfl_json_key (json, "value");
      wfl_json_number (json, g->value);
      wfl_json_key (json, "layer");
      wfl_json_int (json, g->column);
      if (node->unit != NULL)
        {
          wfl_json_key (json, "unit");
          wfl_json_string (json, node->unit);
        }
      if (node->bottleneck)
        {
          wfl_json_key (json, "bottleneck");
          wfl_json_boolean (json, TRUE);
        }
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);

  wfl_json_key (json, "links");
  wfl_json_begin_array (json);
  for (guint l = 0; l < m; l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, l);
      const WflSankeyLinkGeometry *g = &self->links[l];

      wfl_json_begin_object (json);
      wfl_json_key (json, "source");
      wfl_json_string (json, wfl_sankey_graph_get_node (self->graph, link->source)->id);
      wfl_json_key (json, "target");
      wfl_json_string (json, wfl_sankey_graph_get_node (self->graph, link->target)->id);
      wfl_json_key (json, "value");
      wfl_json_number (json, g->value);
      wfl_json_key (json, "y0");
      wfl_json_number (json, g->y0);
      wfl_json_key (json, "y1");
      wfl_json_number (json, g->y1);
      wfl_json_key (json, "width");
      wfl_json_number (json, g->width);
      if (g->loop)
        {
          wfl_json_key (json, "circular");
          wfl_json_boolean (json, TRUE);
        }
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);
  wfl_json_end_object (json);

  return wfl_json_free (json, length);
}
