/* wfl-sankey-labels.c: node labels and band-end texts
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phase 7 of the layout, in two steps.  Before the columns get their x
 * positions, the outer columns' labels are stacked in margins sized to
 * them (_wfl_sankey_outer_labels ()); once the geometry is known, every
 * label is placed (_wfl_sankey_place_labels ()): the stacks, then the
 * other labels greedily, largest node first, then the texts at band ends
 * where the unit changes.  The text sizes come from wfl-sankey-text.c.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-sankey-layout-private.h"

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
 * bands as far as no node and no label placed before is in the way
 * (in graphs of up to BAND_AVOID_MAX_LINKS links, where bands cover
 * them least: see "Bands under labels").
 * First the forms with the value (the name with its value beside it or
 * under it, the name wrapped onto two lines above the value, a long name
 * onto three), then those without (the name alone, on one line, two or
 * three); each form right, then
 * left of the node and a little up or down while it still touches the
 * node; then above or below a short node (centred, or flush with either
 * edge); then moved further with a leader line.  Only then the name cut
 * with an ellipsis, with the value under it where there is a line for
 * it, else without.  Collisions are tested against
 * the actual boxes: the chart is cut into vertical slabs (each column's
 * strip and each gap), each with the label boxes over it sorted by top.
 * Every step is capped (positions, attempts per column), so graphs of
 * thousands of nodes label their largest nodes and hide the rest.
 * ---------------------------------------------------------------- */

#define LABEL_VGAP 2.0          /* between labels, vertically */
#define STACK_GAP 5.0           /* in an outer stack, next to a label of two lines or more */
#define LABEL_HGAP 6.0          /* between labels side by side */
#define LEADER_RUN 12.0         /* between a column and a stack with leader lines */
#define LABEL_EDGE 2.0          /* between an outer label and the chart's edge */
#define MARKER_ROOM 14.0        /* above a bottleneck node, for its marker */
#define SOFT_LABEL_SHARE 0.22   /* of the width: outer labels wider than this wrap */
#define MAX_LABEL_SHARE 0.28    /* of the width: at most this for either outer margin */
#define MIN_LABEL_CHARS 4       /* a cut name keeps at least this many characters */
#define TALL_LINES 1.5          /* an outer node this many lines tall gets its value under its name
                                 * (interior ones: two lines, to keep the gaps free) */

#define MAX_NEAR_STEPS 4        /* half-line steps up and down while touching the node */
#define MAX_LEADER_LINES 3.0    /* a moved label stays within this many lines */
#define BAND_AVOID_MAX_LINKS 400 /* larger graphs take the first free place */
#define BAND_SAMPLES_X 8        /* a label box is sampled on this grid for bands */
#define BAND_SAMPLES_Y 3
#define BAND_CLEAR 0.05         /* a place this little covered is taken at once */
#define NEIGHBOUR_COST 0.1     /* for a place beside a smaller node without a label yet */
#define NEIGHBOUR_REACH 24.0    /* a label this near a node's side takes its place */
#define NEIGHBOUR_LINES 2.0     /* or this many lines above or below it (a name over its value) */
#define MAX_REPAIR_LIFTED 6     /* labels lifted to make room for a cut name */
#define MAX_FORMS 7             /* the most ways to show a label whole (label_forms ()) */
#define LONG_NAME_CHARS 24      /* a name this many average characters long may take three lines */
#define MAX_WIDEN_SHARE 0.3     /* of the step: the most a gap widens for a cut label */

struct _LabelText
{
  double   name_w;        /* the name on one line */
  double   value_w;
  double   wrap_w;        /* the wider line of the best split in two; 0 = none */
  guint    wrap_at;       /* byte offset of the space it splits at */
  double   wrap3_w;       /* the widest line of the best split in three; 0 = none */
  guint    wrap3_at[2];   /* the two spaces it splits at */
};

typedef struct
{
  double   width;
  guint    lines;
  guint    name_lines;
  gboolean value;
  gboolean ellipsized;
  guint    wrap_at;       /* the space that becomes a line break; 0 = none */
  guint    wrap_at2;      /* a second one, after it (a name on three lines); 0 = none */
  gboolean shortened;     /* the short name (short_name_len ()) */
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
  guint              n_links;
  gboolean           avoid_bands;      /* choose interior labels' places clear of bands */
} Labeler;

struct _StackItem
{
  guint     node;
  double    y0, y1;       /* the node's extent */
  double    value;
  LabelForm form;
  gboolean  shown;
  double    top;
  double    gap;          /* below the label, to the next one shown */
};

static void
measure_label (const TextMetrics *m,
               const char        *name,
               const char        *value_text,
               LabelText         *t)
{
  double best = G_MAXDOUBLE;
  gsize len = strlen (name);

  t->name_w = _wfl_sankey_text_width (m, name) + 2;
  t->value_w = _wfl_sankey_text_width (m, value_text) + 2;
  t->wrap_w = 0;
  t->wrap_at = 0;
  t->wrap3_w = 0;
  t->wrap3_at[0] = t->wrap3_at[1] = 0;
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
      w = MAX (_wfl_sankey_text_width_len (m, name, (gssize) i), _wfl_sankey_text_width_len (m, name + i + 1, (gssize) (len - i - 1))) + 2;
      score = w - (name[i + 1] == '(' ? 0.1 : name[i - 1] == ',' ? 0.05 : 0) * t->name_w;
      if (score < best)
        {
          best = score;
          t->wrap_at = (guint) i;
          t->wrap_w = w;
        }
    }
  /* Long names may also go on three lines (interior labels only, in a
   * narrow gap): the split whose widest line is narrowest. */
  if (t->name_w < LONG_NAME_CHARS * m->average)
    return;
  best = G_MAXDOUBLE;
  for (gsize i = 1; i + 1 < len; i++)
    {
      double first;

      if (name[i] != ' ' || name[i + 1] == ' ')
        continue;
      first = _wfl_sankey_text_width_len (m, name, (gssize) i);
      if (first >= best)
        break;
      for (gsize j = i + 2; j + 1 < len; j++)
        {
          double w;

          if (name[j] != ' ' || name[j + 1] == ' ')
            continue;
          w = MAX (first, MAX (_wfl_sankey_text_width_len (m, name + i + 1, (gssize) (j - i - 1)),
                               _wfl_sankey_text_width_len (m, name + j + 1, (gssize) (len - j - 1)))) + 2;
          if (w < best)
            {
              best = w;
              t->wrap3_at[0] = (guint) i;
              t->wrap3_at[1] = (guint) j;
              t->wrap3_w = w;
            }
        }
    }
}

/* The ways to show a label without cutting it, best first: the name
 * with its value (beside or under the name, under the name wrapped onto
 * two lines, with three_lines onto three), then the name alone (on one
 * line, on two, on three).  f holds MAX_FORMS. */
static guint
label_forms (const LabelText   *t,
             const TextMetrics *m,
             gboolean           tall,
             gboolean           three_lines,
             LabelForm         *f)
{
  LabelForm two = { MAX (t->name_w, t->value_w), 2, 1, TRUE, FALSE, 0 };
  LabelForm one = { t->name_w + 2 * m->ascii[' '] + t->value_w, 1, 1, TRUE, FALSE, 0 };
  guint n = 0;
  gboolean three = three_lines && t->wrap3_w > 0;

  f[n++] = tall ? two : one;
  f[n++] = tall ? one : two;
  if (t->wrap_at > 0)
    f[n++] = (LabelForm) { MAX (t->wrap_w, t->value_w), 3, 2, TRUE, FALSE, t->wrap_at };
  if (three)
    f[n++] = (LabelForm) { MAX (t->wrap3_w, t->value_w), 4, 3, TRUE, FALSE, t->wrap3_at[0], t->wrap3_at[1] };
  f[n++] = (LabelForm) { t->name_w, 1, 1, FALSE, FALSE, 0 };
  if (t->wrap_at > 0)
    f[n++] = (LabelForm) { t->wrap_w, 2, 2, FALSE, FALSE, t->wrap_at };
  if (three)
    f[n++] = (LabelForm) { t->wrap3_w, 3, 3, FALSE, FALSE, t->wrap3_at[0], t->wrap3_at[1] };
  return n;
}

/* The length in bytes of a name's short form, its trailing details in
 * parentheses left out ("Nvidia allocation (customer democracy)" →
 * "Nvidia allocation"); 0 when it has none, or when too little would be
 * left.  Interior labels show it where the whole name finds no room,
 * before a name is cut: the tooltip and the accessible description keep
 * the whole name. */
static guint
short_name_len (const char *name)
{
  gsize len = strlen (name);
  const char *open;

  if (len < 2 || name[len - 1] != ')')
    return 0;
  open = g_strrstr (name, " (");
  if (open == NULL || strchr (open + 2, '(') != NULL)
    return 0;
  while (open > name && (open[-1] == ' ' || open[-1] == ','))
    open--;
  return open - name >= MIN_LABEL_CHARS ? (guint) (open - name) : 0;
}

/* The forms of the short name (short_name_len ()), as label_forms ()
 * makes them, marked shortened; 0 when the name has none. */
static guint
short_label_forms (const TextMetrics *m,
                   const char        *name,
                   const char        *value_text,
                   gboolean           tall,
                   LabelForm         *f)
{
  guint len = short_name_len (name), n;
  g_autofree char *shortened = NULL;
  LabelText t;

  if (len == 0)
    return 0;
  shortened = g_strndup (name, len);
  measure_label (m, shortened, value_text, &t);
  n = label_forms (&t, m, tall, TRUE, f);
  for (guint i = 0; i < n; i++)
    f[i].shortened = TRUE;
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
        if (_wfl_sankey_text_width_len (m, name, i) + 2 > room)
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
            guint            wrap_at,
            guint            wrap_at2,
            gboolean         shortened)
{
  char *text;

  if (wrap_at == 0 && !shortened)
    return name;
  text = shortened ? g_strndup (name, short_name_len (name)) : g_strdup (name);
  if (wrap_at > 0)
    text[wrap_at] = '\n';
  if (wrap_at2 > 0)
    text[wrap_at2] = '\n';
  return _wfl_sankey_intern (self, text);
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
  g->label_shortened = f->shortened;
  g->label_text = label_text (self, wfl_sankey_graph_get_node (self->graph, v)->name, f->wrap_at, f->wrap_at2,
                              f->shortened);
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
      /* Last, hugging the node's corners: over a tall node's bands the
       * free space is often just above or below its ends. */
      if (hi > ideal + MAX_NEAR_STEPS * d)
        tops[n++] = hi;
      if (lo < ideal - MAX_NEAR_STEPS * d)
        tops[n++] = lo;
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

#define MAX_TOPS (2 * MAX_NEAR_STEPS + 4 + 4 * (guint) MAX_LEADER_LINES + 2)

/* Bands under labels ------------------------------------------------- *
 *
 * Between finding no place and any place, a label has many: beside its
 * node a little up or down (either side), above or below a short node,
 * moved away with a leader line.  The first free one in that order sat
 * on bands although space beside or over the node was clear, so in
 * graphs of up to BAND_AVOID_MAX_LINKS links each free place is scored by
 * how much of it bands cover (a grid of sample points), plus a little for
 * every step away from the first choice; the first place almost clear of
 * bands is taken at once, else the lowest score. */

/* The y of a band's centre line at x on its piece a → b: an S-curve
 * (control points at mid x) between columns, straight through a
 * waypoint. */
static double
band_y_at (const WflSankeyPoint *a,
           const WflSankeyPoint *b,
           gboolean              curve,
           double                x)
{
  double u = b->x > a->x ? CLAMP ((x - a->x) / (b->x - a->x), 0, 1) : 0;
  double lo = 0, hi = 1, t;

  if (!curve)
    return a->y + (b->y - a->y) * u;
  /* x(t) = a.x + (b.x − a.x) (1.5 t − 1.5 t² + t³), which rises. */
  for (int i = 0; i < 24; i++)
    {
      double mid = (lo + hi) / 2;

      if (1.5 * mid - 1.5 * mid * mid + mid * mid * mid < u)
        lo = mid;
      else
        hi = mid;
    }
  t = (lo + hi) / 2;
  return a->y + (b->y - a->y) * (3 * t * t - 2 * t * t * t);
}

/* The share (0..1) of the box's sample points that a band covers; the
 * bands of node v itself count half, as a label beside them reads as
 * theirs. */
static double
band_cover (const Labeler *L,
            guint          v,
            double         x0,
            double         x1,
            double         top,
            double         bottom)
{
  const WflSankeyLayout *self = L->self;
  const WflSankeyPoint *pts = (const WflSankeyPoint *) (const void *) self->points->data;
  guint covered[BAND_SAMPLES_X][BAND_SAMPLES_Y] = { { 0 } };
  guint n_covered = 0;

  for (guint l = 0; l < L->n_links; l++)
    {
      const WflSankeyLinkGeometry *g = &self->links[l];
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, l);
      guint weight = link->source == v || link->target == v ? 1 : 2;
      double half = g->width / 2;

      if (g->loop || g->n_points < 2)
        continue;
      for (guint k = 0; k + 1 < g->n_points; k++)
        {
          const WflSankeyPoint *a = &pts[g->first_point + k], *b = &pts[g->first_point + k + 1];

          if (b->x <= x0 || a->x >= x1 || MAX (a->y, b->y) + half <= top || MIN (a->y, b->y) - half >= bottom)
            continue;
          for (guint i = 0; i < BAND_SAMPLES_X; i++)
            {
              double x = x0 + (x1 - x0) * (i + 0.5) / BAND_SAMPLES_X, y;

              if (x < a->x || x > b->x)
                continue;
              y = band_y_at (a, b, k % 2 == 0, x);
              for (guint j = 0; j < BAND_SAMPLES_Y; j++)
                {
                  double sy = top + (bottom - top) * (j + 0.5) / BAND_SAMPLES_Y;

                  if (covered[i][j] < weight && fabs (sy - y) <= half)
                    n_covered += weight - covered[i][j], covered[i][j] = weight;
                }
            }
        }
    }
  return n_covered / (2.0 * BAND_SAMPLES_X * BAND_SAMPLES_Y);
}

typedef struct
{
  double             cost;
  guint              form;
  WflSankeyLabelSide side;
  double             x, top, room;
  gboolean           leader;
} Spot;

/* Whether a label box (of node v) would take the place beside another
 * node that has no label yet (placed later, being smaller): it reaches
 * within NEIGHBOUR_REACH of that node's side, level with it.  Hugging
 * the corner of the tall "CoWoS-S packaging", or hanging left of "SXM
 * modules", labels took the only room beside the small "CoWoS-like
 * packaging, Amkor and SPIL" node, whose label was then cut. */
static gboolean
takes_neighbours_place (const Labeler *L,
                        guint          v,
                        double         x0,
                        double         x1,
                        double         top,
                        double         bottom)
{
  const WflSankeyLayout *self = L->self;

  for (guint c = 0; c < self->n_columns; c++)
    {
      if (self->col_x0[c] - NEIGHBOUR_REACH >= x1 || self->col_x0[c] + self->node_width + NEIGHBOUR_REACH <= x0)
        continue;
      for (guint i = L->col_node_start[c]; i < L->col_node_start[c + 1]; i++)
        {
          guint u = L->col_nodes[i];
          const WflSankeyNodeGeometry *g = &self->nodes[u];

          if (u != v && !g->label_visible && g->value > 0 &&
              g->y0 - NEIGHBOUR_LINES * L->lh < bottom && MAX (g->y1, g->y0 + 1) + NEIGHBOUR_LINES * L->lh > top)
            return TRUE;
        }
    }
  return FALSE;
}

/* Scores a free place; TRUE when it is clear enough to take at once. */
static gboolean
consider_spot (const Labeler     *L,
               guint              v,
               Spot              *best,
               guint              form,
               WflSankeyLabelSide side,
               const LabelForm   *f,
               double             x,
               double             top,
               double             room,
               gboolean           leader,
               double             penalty)
{
  double cover = band_cover (L, v, x, x + f->width, top, top + f->lines * L->lh);

  if (takes_neighbours_place (L, v, x, x + f->width, top, top + f->lines * L->lh))
    cover += NEIGHBOUR_COST;

  if (cover + penalty < best->cost)
    *best = (Spot) { cover + penalty, form, side, x, top, room, leader };
  return cover <= BAND_CLEAR && best->cost == cover + penalty;
}

/* The beside places of forms[i] at tops (near or moved): right, then
 * left, as try_beside () tries them. */
static gboolean
consider_beside (const Labeler   *L,
                 guint            v,
                 const LabelForm *forms,
                 guint            i,
                 const double    *tops,
                 guint            n_tops,
                 gboolean         can_left,
                 gboolean         can_right,
                 gboolean         leader,
                 double           penalty,
                 Spot            *best)
{
  const WflSankeyNodeGeometry *g = &L->self->nodes[v];
  const LabelForm *f = &forms[i];
  double run = leader ? LEADER_RUN : 0;

  for (guint k = 0; k < n_tops; k++)
    {
      double top = tops[k], bottom = top + f->lines * L->lh, room, p = penalty + 0.01 * k;

      if (can_right &&
          (room = reach_right (L, g->column, g->x1 + LABEL_PAD + run, top, bottom, f->width)) >= f->width &&
          consider_spot (L, v, best, i, WFL_SANKEY_LABEL_RIGHT, f, g->x1 + LABEL_PAD + run, top, room, leader, p))
        return TRUE;
      if (can_left &&
          (room = reach_left (L, g->column, g->x0 - LABEL_PAD - run, top, bottom, f->width)) >= f->width &&
          consider_spot (L, v, best, i, WFL_SANKEY_LABEL_LEFT, f, g->x0 - LABEL_PAD - run - f->width,
                         top, room, leader, p + 0.05))
        return TRUE;
    }
  return FALSE;
}

/* The places above and below the node of forms[i] (centred on it, or
 * flush with either edge), each dearer by base; TRUE when one is clear
 * enough to take at once. */
static gboolean
consider_above_below (const Labeler   *L,
                      guint            v,
                      const LabelForm *forms,
                      guint            n_forms,
                      gboolean         with_value,
                      double           base,
                      Spot            *best)
{
  const WflSankeyNodeGeometry *g = &L->self->nodes[v];
  gboolean bottleneck = wfl_sankey_graph_get_node (L->self->graph, v)->bottleneck;
  double lh = L->lh, cx = (g->x0 + g->x1) / 2;
  gboolean done = FALSE;

  for (guint i = 0; i < n_forms && !done; i++)
    {
      double h = forms[i].lines * lh, w = forms[i].width;
      double above = g->y0 - 2 - h - (bottleneck ? MARKER_ROOM : 0), below = g->y1 + 2;
      double xs[3] = { cx - w / 2, g->x0, g->x1 - w };

      if (forms[i].value != with_value)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (xs) && !done; j++)
        {
          double x = CLAMP (xs[j], L->x_lo, L->x_hi - w);

          done = (box_free (L, x, x + w, above, above + h) &&
                  consider_spot (L, v, best, i, WFL_SANKEY_LABEL_ABOVE, &forms[i], x, above, w, FALSE,
                                 base + 0.02 * i + 0.01 * j)) ||
                 (box_free (L, x, x + w, below, below + h) &&
                  consider_spot (L, v, best, i, WFL_SANKEY_LABEL_BELOW, &forms[i], x, below, w, FALSE,
                                 base + 0.02 * i + 0.01 * j));
        }
    }
  return done;
}

/* Places the whole forms with (or without) the value where bands cover
 * them least; FALSE when none has a free place. */
static gboolean
place_clear_of_bands (Labeler         *L,
                      guint            v,
                      const LabelForm *forms,
                      guint            n_forms,
                      gboolean         with_value,
                      gboolean         can_left,
                      gboolean         can_right,
                      gboolean         can_move)
{
  const WflSankeyNodeGeometry *g = &L->self->nodes[v];
  double tops[MAX_TOPS], lh = L->lh;
  Spot best = { G_MAXDOUBLE, 0, WFL_SANKEY_LABEL_HIDDEN, 0, 0, 0, FALSE };
  gboolean done = FALSE;

  /* In the order of place_free_label (), each step a little dearer. */
  for (guint i = 0; i < n_forms && !done; i++)
    if (forms[i].value == with_value)
      {
        guint n_tops = label_tops (L, g, forms[i].lines * lh, TRUE, tops);

        done = consider_beside (L, v, forms, i, tops, n_tops, can_left, can_right, FALSE, 0.02 * i, &best);
      }
  if (g->y1 - g->y0 < 4 * lh)
    done = consider_above_below (L, v, forms, n_forms, with_value, 0.06, &best);
  for (guint i = 0; i < n_forms && !done && can_move; i++)
    if (forms[i].value == with_value)
      {
        guint n_tops = label_tops (L, g, forms[i].lines * lh, FALSE, tops);

        done = consider_beside (L, v, forms, i, tops, n_tops, can_left, can_right, TRUE, 0.3 + 0.02 * i, &best);
      }
  /* A tall node's label over or under it rather than cut: in a narrow
   * gap (the Nvidia allocation before the customers' fan) the space
   * above or below the node is often the only room for the whole name. */
  if (!done && best.side == WFL_SANKEY_LABEL_HIDDEN && g->y1 - g->y0 >= 4 * lh)
    consider_above_below (L, v, forms, n_forms, with_value, 0.4, &best);
  if (best.side == WFL_SANKEY_LABEL_HIDDEN)
    return FALSE;
  place_label (L, v, best.side, &forms[best.form], best.x, best.top, best.room, best.leader);
  return TRUE;
}

/* The first of the forms with (or without) the value that fits beside
 * node v at one of its tops (moved: the tops away from the node too). */
static gboolean
forms_beside (Labeler         *L,
              guint            v,
              const LabelForm *forms,
              guint            n_forms,
              gboolean         with_value,
              gboolean         can_left,
              gboolean         can_right,
              gboolean         moved)
{
  const WflSankeyNodeGeometry *g = &L->self->nodes[v];
  double tops[MAX_TOPS];

  for (guint i = 0; i < n_forms; i++)
    {
      guint n_tops;

      if (forms[i].value != with_value)
        continue;
      n_tops = label_tops (L, g, forms[i].lines * L->lh, !moved, tops);
      for (guint k = 0; k < n_tops; k++)
        if (try_beside (L, v, &forms[i], tops[k], can_left, can_right, moved))
          return TRUE;
    }
  return FALSE;
}

/* The whole forms with (or without) the value, first free place: beside
 * the node, above or below a short node, then (any) moved away. */
static gboolean
place_first_free (Labeler         *L,
                  guint            v,
                  const LabelForm *forms,
                  guint            n_forms,
                  gboolean         with_value,
                  gboolean         any,
                  gboolean         can_left,
                  gboolean         can_right)
{
  const WflSankeyNodeGeometry *g = &L->self->nodes[v];
  gboolean bottleneck = wfl_sankey_graph_get_node (L->self->graph, v)->bottleneck;
  double node_h = g->y1 - g->y0, lh = L->lh, cx = (g->x0 + g->x1) / 2;

  if (forms_beside (L, v, forms, n_forms, with_value, can_left, can_right, FALSE))
    return TRUE;

  if (node_h < 4 * lh)
    for (guint i = 0; i < n_forms; i++)
      {
        double h = forms[i].lines * lh, w = forms[i].width;
        double above = g->y0 - 2 - h - (bottleneck ? MARKER_ROOM : 0), below = g->y1 + 2;
        /* Centred on the node, else flush with its left or right
         * edge, so that a neighbouring column does not rule out the
         * free space over or under the node. */
        double xs[3] = { cx - w / 2, g->x0, g->x1 - w };

        if (forms[i].value != with_value)
          continue;
        for (guint j = 0; j < G_N_ELEMENTS (xs); j++)
          {
            double x = CLAMP (xs[j], L->x_lo, L->x_hi - w);

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
      }

  return any && forms_beside (L, v, forms, n_forms, with_value, can_left, can_right, TRUE);
}

/* The widest room (up to want) for a box of height h above or below the
 * node, centred on it or flush with either edge: its x, top and side. */
static double
room_above_below (const Labeler      *L,
                  guint               v,
                  double              h,
                  double              want,
                  double             *best_x,
                  double             *best_top,
                  WflSankeyLabelSide *best_side)
{
  const WflSankeyNodeGeometry *g = &L->self->nodes[v];
  gboolean bottleneck = wfl_sankey_graph_get_node (L->self->graph, v)->bottleneck;
  double tops[2] = { g->y0 - 2 - h - (bottleneck ? MARKER_ROOM : 0), g->y1 + 2 };
  double cx = (g->x0 + g->x1) / 2, best = 0;

  for (guint p = 0; p < 2; p++)
    for (double w = want; w >= min_cut_width (L->m) && w > best; w -= 2)
      {
        double xs[3] = { cx - w / 2, g->x0, g->x1 - w };

        for (guint j = 0; j < G_N_ELEMENTS (xs) && w > best; j++)
          {
            double x = CLAMP (xs[j], L->x_lo, L->x_hi - w);

            if (x >= L->x_lo && box_free (L, x, x + w, tops[p], tops[p] + h))
              {
                best = w;
                *best_x = x;
                *best_top = tops[p];
                *best_side = p == 0 ? WFL_SANKEY_LABEL_ABOVE : WFL_SANKEY_LABEL_BELOW;
              }
          }
      }
  return best;
}

/* The name cut to room: beside the node where there is most room near
 * it, on two lines, else on one; with the value on a line of its own
 * under the name when there is a line for it, else without.  Last,
 * above or below the node (a tall node in a narrow gap, the Nvidia
 * allocation before the customers' fan, has no room beside it): a node
 * with flow keeps a label, cut, rather than none. */
static gboolean
place_cut (Labeler         *L,
           guint            v,
           const LabelText *t,
           double           want,
           gboolean         any,
           gboolean         can_left,
           gboolean         can_right)
{
  const WflSankeyNodeGeometry *g = &L->self->nodes[v];
  const char *name = wfl_sankey_graph_get_node (L->self->graph, v)->name;
  double tops[MAX_TOPS], lh = L->lh, best_room = 0, best_top = 0, best_x = 0;
  WflSankeyLabelSide best_side = WFL_SANKEY_LABEL_HIDDEN;
  LabelForm cut;
  guint n_tops;

  for (int with_value = 1; with_value >= 0 && any; with_value--)
    for (guint lines = 2; lines >= 1; lines--)
      {
        double h = (lines + with_value) * lh;

        n_tops = label_tops (L, g, h, TRUE, tops);
        for (guint k = 0; k < n_tops; k++)
          {
            double r;

            if (can_right && (r = reach_right (L, g->column, g->x1 + LABEL_PAD, tops[k], tops[k] + h, want)) > best_room)
              best_room = r, best_top = tops[k], best_side = WFL_SANKEY_LABEL_RIGHT;
            if (can_left && (r = reach_left (L, g->column, g->x0 - LABEL_PAD, tops[k], tops[k] + h, want)) > best_room)
              best_room = r, best_top = tops[k], best_side = WFL_SANKEY_LABEL_LEFT;
          }
        if (with_value && best_room < t->value_w)
          best_room = 0;   /* the value is never cut */
        if (best_side != WFL_SANKEY_LABEL_HIDDEN && best_room > 0 &&
            cut_form (L->m, name, t, best_room, lines, with_value, &cut) && cut.name_lines == lines)
          {
            double x = best_side == WFL_SANKEY_LABEL_RIGHT ? g->x1 + LABEL_PAD : g->x0 - LABEL_PAD - cut.width;

            place_label (L, v, best_side, &cut, x, best_top, best_room, FALSE);
            return TRUE;
          }
        best_room = 0;
        best_side = WFL_SANKEY_LABEL_HIDDEN;
      }

  if (!L->avoid_bands || g->value <= 0)
    return FALSE;
  for (int with_value = 1; with_value >= 0; with_value--)
    {
      best_room = room_above_below (L, v, (1 + with_value) * lh, want, &best_x, &best_top, &best_side);
      if (with_value && best_room < t->value_w)
        continue;
      if (best_room > 0 && cut_form (L->m, name, t, best_room, 1, with_value, &cut))
        {
          place_label (L, v, best_side, &cut, best_x, best_top, best_room, FALSE);
          return TRUE;
        }
    }
  return FALSE;
}

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
  double node_h = g->y1 - g->y0, lh = L->lh, tops[MAX_TOPS];
  LabelForm forms[MAX_FORMS], short_forms[MAX_FORMS];
  guint n_forms = label_forms (t, L->m, node_h >= 2 * lh, TRUE, forms), n_tops, n_short;
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
  /* Large graphs: a tall node without room beside it goes without. */
  if (!any && node_h >= 3 * lh && !L->avoid_bands)
    return FALSE;

  /* Whole: the forms with the value before those without, so that a
   * label keeps its number where it can (moved above, below or away
   * with a leader line) rather than drop it to stay beside the node.
   * Within each: beside the node, above or below a short node, then
   * moved away.  Then the same with the short name, before a cut one. */
  n_short = L->avoid_bands ? short_label_forms (L->m, name, g->value_text, node_h >= 2 * lh, short_forms) : 0;
  for (guint pass = 0; pass < 2; pass++)
    for (int with_value = 1; with_value >= 0; with_value--)
      {
        const LabelForm *f = pass == 0 ? forms : short_forms;
        guint n = pass == 0 ? n_forms : n_short;

        if (n == 0)
          continue;
        if (L->avoid_bands ? place_clear_of_bands (L, v, f, n, with_value, can_left, can_right, any)
                           : place_first_free (L, v, f, n, with_value, any, can_left, can_right))
          return TRUE;
      }
  return place_cut (L, v, t, forms[0].width, any, can_left, can_right);
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
  LabelForm forms[MAX_FORMS];
  guint n = label_forms (t, m, node_h >= TALL_LINES * lh, FALSE, forms);
  gboolean value = node_h >= TALL_LINES * lh && max_lines >= 2;

  for (guint i = 0; i < n; i++)
    if (forms[i].width <= room && forms[i].lines <= max_lines)
      {
        *f = forms[i];
        return TRUE;
      }
  /* The short name whole, before the name cut. */
  if (short_name_len (name) > 0)
    {
      g_autofree char *shortened = g_strndup (name, short_name_len (name));
      LabelText st;

      measure_label (m, shortened, "", &st);
      st.value_w = t->value_w;
      n = label_forms (&st, m, node_h >= TALL_LINES * lh, FALSE, forms);
      for (guint i = 0; i < n; i++)
        if (forms[i].width <= room && forms[i].lines <= max_lines)
          {
            *f = forms[i];
            f->shortened = TRUE;
            return TRUE;
          }
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

  /* The gaps: wider next to a label of two lines or more, so that a
   * stack of them does not read as one block, where the height allows. */
  {
    double wide = 0;
    guint prev = G_MAXUINT;

    for (guint i = 0; i < n; i++)
      if (s[i].shown)
        {
          s[i].gap = LABEL_VGAP;
          if (prev != G_MAXUINT && (s[prev].form.lines > 1 || s[i].form.lines > 1))
            {
              s[prev].gap = STACK_GAP;
              wide += STACK_GAP - LABEL_VGAP;
            }
          prev = i;
        }
    if (total + wide > height + LABEL_VGAP)
      for (guint i = 0; i < n; i++)
        s[i].gap = LABEL_VGAP;
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
      offset += h + s[i].gap;
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
      offset += h + s[i].gap;
      if (++in_block == count[k])
        k++, in_block = 0;
      leaders |= !(s[i].y0 < s[i].top + h - 3 && MAX (s[i].y1, s[i].y0 + 1) > s[i].top + 3);
    }
  return leaders;
}

static gboolean
same_unit (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

/* ---------------------------------------------------------------- *
 * The outer columns' stacks, before the columns' x positions
 * ---------------------------------------------------------------- */

/* The stack of one outer column's labels, and the margin it needs.
 * side 0: the first column's labels on the left; 1: the last column's
 * on the right (the only column's too). */
static void
outer_stack (Build *b,
             guint  side)
{
  WflSankeyLayout *self = b->layout;
  WflSankeyGraph *graph = self->graph;
  const TextMetrics *metrics = b->metrics;
  LabelText *texts = b->texts;
  const double *node_value = b->node_value;
  double width = self->width, height = self->height, nw = b->nw, lh = b->lh;
  guint c = side == 0 ? 0 : self->n_columns - 1;
  guint n = self->col_start[c + 1] - self->col_start[c], k = 0;
  StackItem *s;
  double natural = 0, compact = 0, room, used = 0;
  double cap = self->n_columns == 1 ? width - nw - LABEL_PAD - LABEL_EDGE
                                    : width * MAX_LABEL_SHARE - LABEL_PAD - LABEL_EDGE;
  gboolean leaders;

  if (side == 0 && self->n_columns == 1)
    return;
  s = b->stacks[side] = g_new0 (StackItem, n + 1);
  for (guint j = self->col_start[c]; j < self->col_start[c + 1]; j++)
    {
      const Item *item = &self->items[self->col_items[j]];
      LabelForm forms[MAX_FORMS];
      const LabelText *t;

      if (item->node == NONE)
        continue;
      measure_label (metrics, wfl_sankey_graph_get_node (graph, item->node)->name,
                     self->nodes[item->node].value_text, &texts[item->node]);
      s[k] = (StackItem) { item->node, item->y, item->y + item->h, node_value[item->node] };
      label_forms (&texts[item->node], metrics, item->h >= TALL_LINES * lh, FALSE, forms);
      natural = MAX (natural, forms[0].width);
      /* The narrowest way with the value: under the name, wrapped
       * when it can be. */
      t = &texts[item->node];
      compact = MAX (compact, MAX (t->wrap_at > 0 ? t->wrap_w : t->name_w, t->value_w));
      k++;
    }
  b->n_stack[side] = k;
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
  b->stack_run[side] = leaders ? LEADER_RUN : 0;
  for (guint i = 0; i < k; i++)
    if (s[i].shown)
      used = MAX (used, s[i].form.width);
  if (used > 0)
    {
      if (side == 0)
        b->left_margin = used + LABEL_PAD + b->stack_run[side] + LABEL_EDGE;
      else if (self->n_columns > 1)
        b->right_margin = used + LABEL_PAD + b->stack_run[side] + LABEL_EDGE;
    }
}

/* Horizontal: the outer columns' label stacks decide the margins.  Also
 * every node's value text, labels or not. */
void
_wfl_sankey_outer_labels (Build *b)
{
  WflSankeyLayout *self = b->layout;
  const WflSankeyLayoutOptions *options = b->options;
  const WflSankeyGraph *graph = b->graph;
  const double *node_value = b->node_value;

  b->nw = options->node_width > 0 ? options->node_width : 14;
  b->texts = g_new0 (LabelText, b->n + 1);
  if (options->labels)
    {
      b->metrics = _wfl_sankey_get_metrics (options->font_family ? options->font_family : DEFAULT_FONT,
                                            self->font_size);
      b->lh = b->metrics->line_height;
    }
  for (guint v = 0; v < b->n; v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);
      double q = isnan (node->quantity) ? node_value[v] : node->quantity;

      self->nodes[v].value_text = _wfl_sankey_intern (self, wfl_sankey_format_quantity (q, node->unit));
    }
  if (b->metrics != NULL)
    for (guint side = 0; side < 2; side++)
      outer_stack (b, side);
}

/* ---------------------------------------------------------------- *
 * Placing every label, once the geometry is known
 * ---------------------------------------------------------------- */

/* The slabs, empty, and the nodes of every column top to bottom. */
static void
labeler_init (Labeler *L,
              Build   *b)
{
  WflSankeyLayout *self = b->layout;
  StackItem **stacks = b->stacks;
  double width = self->width, nw = b->nw;

  L->self = self;
  L->m = b->metrics;
  L->lh = b->lh;
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
  L->n_links = b->m;
  L->avoid_bands = b->m <= BAND_AVOID_MAX_LINKS;
}

static void
labeler_clear (Labeler *L)
{
  for (guint s = 0; s < L->n_slabs; s++)
    g_array_unref (L->slabs[s]);
  g_free (L->slabs);
  g_free (L->col_node_start);
  g_free (L->col_nodes);
}

static void
default_label_boxes (Build *b)
{
  WflSankeyLayout *self = b->layout;
  const WflSankeyGraph *graph = b->graph;
  const TextMetrics *metrics = b->metrics;
  StackItem **stacks = b->stacks;
  double width = self->width, height = self->height, lh = b->lh;

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
      w = _wfl_sankey_text_width (metrics, g->label_text) + 2 * metrics->ascii[' '] + _wfl_sankey_text_width (metrics, g->value_text) + 4;
      g->label_width = MIN (w, g->label_max_width);
      g->label_ellipsized = g->label_width < w;
      g->label_x = g->label_side == WFL_SANKEY_LABEL_RIGHT ? g->x1 + LABEL_PAD : g->x0 - LABEL_PAD - g->label_width;
      g->label_y = CLAMP ((g->y0 + g->y1) / 2 - lh / 2, 0, MAX (0, height - lh));
    }
}

static void
place_stacks (Build   *b,
              Labeler *L)
{
  WflSankeyLayout *self = b->layout;
  StackItem **stacks = b->stacks;
  const guint *n_stack = b->n_stack;
  const double *stack_run = b->stack_run;
  double width = self->width, lh = b->lh;

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
}

/* Repair --------------------------------------------------------------- *
 *
 * Greedy, largest first, a larger node's label may take the only place
 * a smaller one had ("SXM modules and HGX baseboards" between the final
 * test's label and the packaging's).  A name cut that way is placed
 * again first, with the labels placed near it before lifted; they are
 * placed again after it, largest first; kept only when the name shows
 * whole and none of them is cut or hidden that was not. */

static void
labeler_remove (Labeler                     *L,
                const WflSankeyNodeGeometry *g)
{
  double x0 = g->label_x, x1 = g->label_x + g->label_width, top = g->label_y, bottom = top + g->label_height;
  guint last = slab_of (L, x1);

  for (guint s = slab_of (L, x0); s <= last; s++)
    {
      GArray *a = L->slabs[s];

      for (guint i = 0; i < a->len; i++)
        {
          const LabelBox *box = &g_array_index (a, LabelBox, i);

          if (box->top == top && box->bottom == bottom && box->x0 == x0 && box->x1 == x1)
            {
              g_array_remove_index (a, i);
              break;
            }
        }
    }
}

/* How well a label shows its name: 0 not at all, 1 cut, 2 short, 3 whole. */
static guint
label_rank (const WflSankeyNodeGeometry *g)
{
  if (!g->label_visible)
    return 0;
  return g->label_ellipsized ? 1 : g->label_shortened ? 2 : 3;
}

/* Whether a label is as good as it was: shown, and as whole as it was. */
static gboolean
label_kept (const WflSankeyNodeGeometry *now,
            const WflSankeyNodeGeometry *before)
{
  return now->label_visible && label_rank (now) >= label_rank (before);
}

static void
repair_cut_label (Build         *b,
                  Labeler       *L,
                  guint          v,
                  const SortKey *keys,
                  guint          n_keys)
{
  WflSankeyLayout *self = b->layout;
  const WflSankeyNodeGeometry *g = &self->nodes[v];
  guint c = g->column, lifted[MAX_REPAIR_LIFTED + 1], n_lifted = 0;
  WflSankeyNodeGeometry saved[MAX_REPAIR_LIFTED + 1];
  double x0 = c > 0 ? self->col_x0[c - 1] : 0, x1 = c + 1 < self->n_columns ? self->col_x0[c + 1] + b->nw : self->width;
  double y0 = g->y0 - MAX_LEADER_LINES * b->lh, y1 = g->y1 + MAX_LEADER_LINES * b->lh;
  guint rank = label_rank (g);
  gboolean ok;

  if (rank == 3 || g->value <= 0)
    return;
  if (rank == 0)
    measure_label (b->metrics, wfl_sankey_graph_get_node (b->graph, v)->name, g->value_text, &b->texts[v]);
  /* The node itself, then the labels near it that were placed before. */
  lifted[n_lifted++] = v;
  for (guint k = 0; k < n_keys && keys[k].item != v; k++)
    {
      const WflSankeyNodeGeometry *q = &self->nodes[keys[k].item];

      if (!q->label_visible || q->label_x >= x1 || q->label_x + q->label_width <= x0 ||
          q->label_y >= y1 || q->label_y + q->label_height <= y0)
        continue;
      if (n_lifted > MAX_REPAIR_LIFTED)
        return;
      lifted[n_lifted++] = keys[k].item;
    }
  if (n_lifted == 1)
    return;
  for (guint i = 0; i < n_lifted; i++)
    {
      saved[i] = self->nodes[lifted[i]];
      if (saved[i].label_visible)
        labeler_remove (L, &saved[i]);
      self->nodes[lifted[i]].label_visible = FALSE;
      self->nodes[lifted[i]].label_leader = FALSE;
    }
  /* The cut name first, then the others largest first (their order). */
  ok = TRUE;
  for (guint i = 0; i < n_lifted && ok; i++)
    {
      WflSankeyNodeGeometry *q = &self->nodes[lifted[i]];

      place_free_label (L, lifted[i], &b->texts[lifted[i]], q->column > 0, q->column + 1 < self->n_columns);
      /* A node without a label gets one even if the others' names
       * come out shorter, as long as they stay. */
      ok = i == 0 ? label_rank (q) > rank : rank == 0 ? q->label_visible : label_kept (q, &saved[i]);
    }
  if (ok)
    return;
  for (guint i = 0; i < n_lifted; i++)
    if (self->nodes[lifted[i]].label_visible)
      labeler_remove (L, &self->nodes[lifted[i]]);
  for (guint i = 0; i < n_lifted; i++)
    {
      self->nodes[lifted[i]] = saved[i];
      if (saved[i].label_visible)
        labeler_add (L, saved[i].label_x, saved[i].label_x + saved[i].label_width,
                     saved[i].label_y, saved[i].label_y + saved[i].label_height);
    }
}

static void
place_interior_labels (Build   *b,
                       Labeler *L)
{
  WflSankeyLayout *self = b->layout;
  const WflSankeyGraph *graph = b->graph;
  const TextMetrics *metrics = b->metrics;
  LabelText *texts = b->texts;
  StackItem **stacks = b->stacks;
  g_autofree SortKey *keys = g_new (SortKey, b->n + b->m + 1);
  g_autofree guint *attempts = g_new0 (guint, self->n_columns + 1);
  guint n_keys = 0, per_column = (guint) MAX (8, self->height / b->lh);

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
  qsort (keys, n_keys, sizeof (SortKey), _wfl_sankey_compare_by_value_desc);
  for (guint k = 0; k < n_keys; k++)
    {
      guint v = keys[k].item;
      const WflSankeyNodeGeometry *g = &self->nodes[v];

      if (attempts[g->column]++ >= per_column)
        continue;
      measure_label (metrics, wfl_sankey_graph_get_node (graph, v)->name, g->value_text, &texts[v]);
      place_free_label (L, v, &texts[v], g->column > 0, g->column + 1 < self->n_columns);
    }
  /* Largest first; a node without a label once a larger one stayed
   * without stays so: never a smaller node's label for a larger's. */
  if (L->avoid_bands)
    for (guint k = 0, larger_hidden = FALSE; k < n_keys; k++)
      {
        const WflSankeyNodeGeometry *g = &self->nodes[keys[k].item];

        if (larger_hidden && !g->label_visible)
          continue;
        repair_cut_label (b, L, keys[k].item, keys, n_keys);
        larger_hidden |= !g->label_visible && g->value > 0;
      }
}

/* The room between the nodes of gap c (from column c to c + 1). */
static double
gap_room (const WflSankeyLayout *self,
          guint                  c,
          double                 nw)
{
  if (c + 1 >= self->n_columns)
    return 0;
  return self->col_x0[c + 1] - self->col_x0[c] - nw - 2 * LABEL_PAD;
}

static void
place_band_end_texts (Build   *b,
                      Labeler *L)
{
  WflSankeyLayout *self = b->layout;
  const WflSankeyGraph *graph = b->graph;
  const TextMetrics *metrics = b->metrics;
  g_autofree SortKey *keys = g_new (SortKey, b->n + b->m + 1);
  guint n_keys = 0;
  double lh = b->lh, nw = b->nw;

  /* Band ends where the unit changes. */
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
      /* The source end says what the band carries; the target end what
       * it is enough for in the target's unit ("for 60 000 dies"), and
       * only when that is another number: "550 000 NICs" beside "550 000
       * GPUs" read as two quantities of one band. */
      g->source_text = _wfl_sankey_intern (self, wfl_sankey_format_quantity (sq, su));
      {
        g_autofree char *sn = wfl_sankey_format_quantity (sq, NULL);
        g_autofree char *tn = wfl_sankey_format_quantity (tq, NULL);

        if (strcmp (sn, tn) != 0)
          {
            g_autofree char *tq_text = wfl_sankey_format_quantity (tq, tu);

            /* Translators: at the target end of a Sankey band whose unit
             * changes: what the band's input is enough for, "for 60 000
             * dies" */
            g->target_text = _wfl_sankey_intern (self, g_strdup_printf (_("for %s"), tq_text));
          }
      }
      keys[n_keys].key = g->value;
      keys[n_keys].pos = l;
      keys[n_keys].item = l;
      n_keys++;
    }
  qsort (keys, n_keys, sizeof (SortKey), _wfl_sankey_compare_by_value_desc);
  for (guint k = 0; k < n_keys; k++)
    {
      WflSankeyLinkGeometry *g = &self->links[keys[k].item];
      const WflSankeyNodeGeometry *s = &self->nodes[b->src[keys[k].item]];
      const WflSankeyNodeGeometry *t = &self->nodes[b->dst[keys[k].item]];
      double room = g->loop ? 0 : gap_room (self, s->column, nw);
      double sw, tw;
      gboolean one_gap = t->column == s->column + 1;

      if (g->width < lh * 0.9 || g->loop)
        continue;
      sw = _wfl_sankey_text_width (metrics, g->source_text) + 2;
      tw = g->target_text != NULL ? _wfl_sankey_text_width (metrics, g->target_text) + 2 : 0;
      /* Both ends share the gap when the band spans only one. */
      if (one_gap && sw + tw + 3 * LABEL_PAD > room)
        continue;
      if (sw <= room && labels_clear (L, g->x0 + 4, g->x0 + 4 + sw, g->y0 - lh / 2, g->y0 + lh / 2))
        {
          g->source_text_visible = TRUE;
          labeler_add (L, g->x0 + 4, g->x0 + 4 + sw, g->y0 - lh / 2, g->y0 + lh / 2);
        }
      if (!one_gap)
        room = gap_room (self, t->column - 1, nw);
      if (g->target_text != NULL && tw <= room && labels_clear (L, g->x1 - 4 - tw, g->x1 - 4, g->y1 - lh / 2, g->y1 + lh / 2))
        {
          g->target_text_visible = TRUE;
          labeler_add (L, g->x1 - 4 - tw, g->x1 - 4, g->y1 - lh / 2, g->y1 + lh / 2);
        }
    }
}

/* Every label: a box for each, where it would hang; the margins'
 * stacks; the rest, largest first; the band ends where the unit
 * changes. */
void
_wfl_sankey_place_labels (Build *b)
{
  Labeler lab = { 0 };
  Labeler *L = &lab;

  if (b->metrics == NULL)
    return;
  /* Placed again when the gaps were spaced anew: nothing shown yet. */
  for (guint v = 0; v < b->n; v++)
    {
      b->layout->nodes[v].label_visible = FALSE;
      b->layout->nodes[v].label_leader = FALSE;
    }
  for (guint l = 0; l < b->m; l++)
    {
      WflSankeyLinkGeometry *g = &b->layout->links[l];

      g->source_text = g->target_text = NULL;
      g->source_text_visible = g->target_text_visible = FALSE;
    }
  labeler_init (L, b);
  default_label_boxes (b);
  place_stacks (b, L);
  place_interior_labels (b, L);
  place_band_end_texts (b, L);
  labeler_clear (L);
}

/* Of the nodes that carry something, how badly their names show: 4 for
 * each without a label, 2 for each cut, 1 for each short name. */
guint
_wfl_sankey_count_cut_labels (Build *b)
{
  guint n = 0;

  for (guint v = 0; b->metrics != NULL && v < b->n; v++)
    {
      const WflSankeyNodeGeometry *g = &b->layout->nodes[v];
      static const guint cost[] = { 4, 2, 1, 0 };

      if (g->value > 0)
        n += cost[label_rank (g)];
    }
  return n;
}

/* Adds to b->gap_extra (made when NULL) what each gap would need to be
 * wider, as the layout stands, for the labels cut beside interior nodes
 * to show whole in their narrowest form.  A gap asks for at most
 * MAX_WIDEN_SHARE of the even step in all: past that, narrowing the
 * others does more harm than good.  Returns whether any gap asked for
 * more (graphs of up to BAND_AVOID_MAX_LINKS links only). */
gboolean
_wfl_sankey_widen_gaps (Build *b)
{
  WflSankeyLayout *self = b->layout;
  double cap = b->step * MAX_WIDEN_SHARE;
  gboolean any = FALSE;

  if (b->metrics == NULL || self->n_columns < 3 || b->m > BAND_AVOID_MAX_LINKS)
    return FALSE;
  if (b->gap_extra == NULL)
    b->gap_extra = g_new0 (double, self->n_columns);
  for (guint v = 0; v < b->n; v++)
    {
      const WflSankeyNodeGeometry *g = &self->nodes[v];
      LabelForm forms[MAX_FORMS];
      guint n_forms, gap, c = g->column;
      double narrowest = G_MAXDOUBLE, need, span, half;

      if (label_rank (g) == 3 || g->value <= 0 || c == 0 || c + 1 >= self->n_columns)
        continue;
      n_forms = label_forms (&b->texts[v], b->metrics, g->y1 - g->y0 >= 2 * b->lh, TRUE, forms);
      for (guint i = 0; i < n_forms; i++)
        narrowest = MIN (narrowest, forms[i].width);
      /* Wider on the side it hangs on by what it lacks there; or, for
       * a short node, both gaps by half of what the whole place between
       * the neighbouring columns lacks, for the label over or under it. */
      gap = g->label_side == WFL_SANKEY_LABEL_LEFT ? c - 1 : c;
      need = ceil (narrowest - g->label_max_width) + 1;
      span = self->col_x0[c + 1] - self->col_x0[c - 1] - b->nw - 2 * LABEL_PAD;
      half = ceil ((narrowest - span) / 2) + 2;
      /* A node without a label (no room beside it): both gaps. */
      if ((g->y1 - g->y0 < 4 * b->lh || !g->label_visible) && half > 0 && (2 * half < need || !g->label_visible) &&
          b->gap_extra[c - 1] + half <= cap && b->gap_extra[c] + half <= cap)
        {
          b->gap_extra[c - 1] += half;
          b->gap_extra[c] += half;
          any = TRUE;
        }
      else if (need > 0 && b->gap_extra[gap] + need <= cap)
        {
          b->gap_extra[gap] += need;
          any = TRUE;
        }
    }
  return any;
}
